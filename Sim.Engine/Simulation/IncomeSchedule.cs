using System.Runtime.CompilerServices;
using Sim.Engine.Simulation.Policies;
using Sim.Engine.Rules;
using Sim.Engine.Scenarios;
using Sim.Engine.Simd;

namespace Sim.Engine.Simulation;

/// <summary>
/// The income streams of one year as coefficients that are the same on every path (docs/model.md section 11): a
/// path's Social Security is <see cref="SocialSecurityToday"/> × I(Y) and its pensions
/// <see cref="PensionToday"/> × I(Y) + <see cref="PensionNominal"/>, with I(Y) its inflation index on January 1.
/// </summary>
/// <param name="SocialSecurityToday">Σ pia · factor · months over the Social Security streams (today's dollars).</param>
/// <param name="PensionToday">Σ annual · months/12 over the pensions that follow inflation (today's dollars).</param>
/// <param name="PensionNominal">Σ of the other pensions' nominal amounts (fixed increase or none).</param>
public readonly record struct IncomeYear(double SocialSecurityToday, double PensionToday, double PensionNominal)
{
    /// <summary>True when some stream pays this year.</summary>
    public bool Any
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => SocialSecurityToday != 0 || PensionToday != 0 || PensionNominal != 0;
    }

    /// <summary>Nominal Social Security of a path with inflation index <paramref name="index"/>.</summary>
    public double SocialSecurity(double index) => SocialSecurityToday * index;

    /// <summary>Nominal pensions of a path with inflation index <paramref name="index"/>.</summary>
    public double Pensions(double index) => PensionToday * index + PensionNominal;

    /// <summary>Both, the <c>income</c> metric.</summary>
    public double Total(double index) => SocialSecurity(index) + Pensions(index);

    /// <summary><see cref="SocialSecurity(double)"/> per lane (the same operation).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TD SocialSecurity<TL, TD, TU>(TD index)
        where TL : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct => TL.Mul(TL.Splat(SocialSecurityToday), index);

    /// <summary><see cref="Pensions(double)"/> per lane (the same operations in the same order).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TD Pensions<TL, TD, TU>(TD index)
        where TL : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct => TL.Add(TL.Mul(TL.Splat(PensionToday), index), TL.Splat(PensionNominal));

    /// <summary><see cref="Total(double)"/> per lane (the same operations in the same order).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TD Total<TL, TD, TU>(TD index)
        where TL : struct, ILanes<TD, TU>
        where TD : struct
        where TU : struct => TL.Add(SocialSecurity<TL, TD, TU>(index), Pensions<TL, TD, TU>(index));
}

/// <summary>Builds <see cref="IncomeYear"/> for each simulated year from the scenario's streams, through their
/// policies (<see cref="IncomeStreams"/>).</summary>
public static class IncomeSchedule
{
    /// <summary>The first calendar year in which every stream pays all 12 months, or null without streams (the year
    /// summaries quote income for; it may lie after the last simulated year).</summary>
    public static int? FirstFullYear(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        int? full = null;
        foreach (var stream in scenario.Income)
        {
            var birthYear = OwnerBirthYear(scenario, stream);
            var start = stream.FirstPaymentAgeMonths(birthYear);
            var first = PaymentMonths.FirstYear(birthYear, start);
            var year = PaymentMonths.InYear(first, birthYear, start) == 12 ? first : first + 1;
            full = Math.Max(full ?? year, year);
        }

        return full is { } y ? Math.Max(y, scenario.FirstYear) : null;
    }

    /// <summary>The streams' coefficients for calendar year <paramref name="year"/>.</summary>
    public static IncomeYear ForYear(Scenario scenario, int year) => ForYear(Policies(scenario), year);

    /// <summary>The birth year that drives a stream's ages: the participant's or the spouse's.</summary>
    internal static int OwnerBirthYear(Scenario scenario, IncomeStream stream) => stream.Owner == IncomeOwner.Spouse
        ? scenario.Participant.Spouse?.BirthYear
          ?? throw new InvalidOperationException("A spouse-owned stream needs participant.spouse (validation ensures it).")
        : scenario.Participant.BirthYear;

    /// <summary>One policy per stream, in the scenario's order.</summary>
    internal static IIncomeStreamPolicy[] Policies(Scenario scenario) =>
        [.. scenario.Income.Select(x => IncomeStreams.Policy(x, OwnerBirthYear(scenario, x)))];

    internal static IncomeYear ForYear(IReadOnlyList<IIncomeStreamPolicy> policies, int year)
    {
        double ss = 0, pensionToday = 0, pensionNominal = 0;
        foreach (var policy in policies)
        {
            double amount = policy.BaseAmount(year);
            if (amount == 0)
            {
                continue;
            }

            if (policy.Kind == IncomeKind.SocialSecurity)
            {
                ss += amount;
            }
            else if (policy.IndexedToPathInflation)
            {
                pensionToday += amount;
            }
            else
            {
                pensionNominal += amount;
            }
        }

        return new IncomeYear(ss, pensionToday, pensionNominal);
    }
}
