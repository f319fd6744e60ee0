namespace Sim.Engine.Scenarios;

/// <summary>The federal filing status whose brackets and standard deduction apply (<c>$.taxes.filingStatus</c>).</summary>
public enum FilingStatus
{
    /// <summary>Single filer (the default).</summary>
    Single,

    /// <summary>Married filing jointly.</summary>
    Mfj,
}
