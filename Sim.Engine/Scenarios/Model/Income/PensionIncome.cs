using Sim.Engine.Scenarios.Parsing;
namespace Sim.Engine.Scenarios;

/// <summary><c>{"type": "pension", "owner", "annual", "startAge", "cola"}</c>: a defined-benefit pension or annuity,
/// fully taxable as ordinary income.</summary>
public sealed record PensionIncome : IncomeStream
{
    /// <summary>The yearly amount: in today's dollars when <see cref="Cola"/> follows inflation, otherwise in dollars
    /// of the first payment year (the yearly rate then; the raises start the next January).</summary>
    public double Annual { get; init; }

    /// <summary>Start age in whole months.</summary>
    public int StartAgeMonths { get; init; } = 65 * 12;

    /// <summary>Yearly increase: inflation (default none).</summary>
    public PensionCola Cola { get; init; } = PensionCola.None;

    /// <inheritdoc />
    public override int FirstPaymentAgeMonths(int ownerBirthYear) => StartAgeMonths;

    internal static readonly string[] Fields = ["type", "owner", "annual", "startAge", "cola"];

    internal static PensionIncome Read(JsonObjectReader o) => IncomeSection.ReadPension(o);
}
