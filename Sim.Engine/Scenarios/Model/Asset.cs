namespace Sim.Engine.Scenarios;

/// <summary>The four asset classes, in the order used by every array and the correlation matrix.</summary>
public enum Asset
{
    /// <summary>US stocks (S&amp;P 500 with dividends in the built-in history).</summary>
    Stocks = 0,

    /// <summary>Bonds (10-year Treasury in the built-in history).</summary>
    Bonds = 1,

    /// <summary>Cash (3-month T-bill in the built-in history).</summary>
    Cash = 2,

    /// <summary>Real-estate investment trusts.</summary>
    Reits = 3,
}
