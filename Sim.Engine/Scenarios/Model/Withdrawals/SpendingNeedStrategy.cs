using Sim.Engine.Scenarios.Parsing;

namespace Sim.Engine.Scenarios;

/// <summary>spendingNeed (docs/model.md section 12): the household's yearly spending in today's dollars, net of its
/// Social Security and pensions; gross of tax, or after tax with <see cref="Withdrawals.AfterTax"/>.</summary>
public sealed record SpendingNeedStrategy : WithdrawalStrategy
{
    /// <summary>The need in today's dollars a year; need(Y) = need · I(Y).</summary>
    public double Need { get; init; }

    internal static readonly string[] Fields = ["need"];

    internal static SpendingNeedStrategy Read(JsonObjectReader o)
    {
        o.Require("need");
        return new SpendingNeedStrategy { Need = o.Number("need", 0, NumberRange.Money) };
    }
}
