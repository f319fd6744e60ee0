using Sim.Engine.Rules;

namespace Sim.Tests.Rules;

/// <summary>
/// Recomputes all three IRS tables from the regulation's mortality rates (26 CFR 1.401(a)(9)-9(e)) and compares
/// every cell with the embedded tables: an independent self-test of the tables.
/// </summary>
/// <remarks>
/// Convention that reproduces every published value: with q_120 = 1 (death certain after age 120) and
/// kpx = Π_{j=0}^{k−1} (1 − q_{x+j}) (0px = 1), the curtate expectation is summed from k = 1 and 11/24 is added
/// (the monthly-payment adjustment a^(12) ≈ a + 11/24 at 0% interest), then rounded half-up to one decimal:
/// Single(x) = round1(Σ_{k≥1} kpx + 11/24); Joint(x, y) = round1(Σ_{k≥1} [kpx + kpy − kpx·kpy] + 11/24);
/// Uniform(x) = Joint(x, x − 10). The only published values the formula does not give are the two cells where it
/// falls below one year, Single(120) and Joint(120, 120) (0.458 → 0.5): the tables print 1.0 there, so the divisor
/// is floored at 1.0.
/// </remarks>
public class RmdTableDerivationFacts
{
    private const double MonthlyAdjustment = 11.0 / 24.0;

    private static readonly Lazy<double[][]> Survival = new(BuildSurvival);

    /// <summary>kpx for k = 0..(121 − x), with q_120 = 1 (so the last entry is 0).</summary>
    private static double[][] BuildSurvival()
    {
        var q = new double[121];
        for (int a = 0; a <= 120; a++)
        {
            q[a] = a == 120 ? 1.0 : RmdTables.MortalityRate(a);
        }

        var result = new double[121][];
        for (int x = 0; x <= 120; x++)
        {
            var p = new double[121 - x + 1];
            p[0] = 1.0;
            for (int k = 1; k < p.Length; k++)
            {
                p[k] = p[k - 1] * (1.0 - q[x + k - 1]);
            }

            result[x] = p;
        }

        return result;
    }

    private static double KPx(int x, int k)
    {
        double[] p = Survival.Value[x];
        return k < p.Length ? p[k] : 0.0;
    }

    private static double Round1HalfUp(double v) => Math.Max(1.0, Math.Round(v * 10.0, MidpointRounding.AwayFromZero) / 10.0);

    private static double SingleRaw(int x)
    {
        double sum = 0.0;
        for (int k = 1; k <= 121; k++)
        {
            sum += KPx(x, k);
        }

        return sum + MonthlyAdjustment;
    }

    private static double JointRaw(int x, int y)
    {
        double sum = 0.0;
        for (int k = 1; k <= 121; k++)
        {
            double px = KPx(x, k);
            double py = KPx(y, k);
            sum += px + py - px * py;
        }

        return sum + MonthlyAdjustment;
    }

    [Fact]
    public void SingleLifeTable_IsReproducedFromTheMortalityRates_AtEveryAge()
    {
        var mismatches = new List<string>();
        for (int x = 0; x <= 120; x++)
        {
            double derived = Round1HalfUp(SingleRaw(x));
            if (derived != RmdTables.SingleLife(x))
            {
                mismatches.Add($"{x}: derived {derived}, table {RmdTables.SingleLife(x)}");
            }
        }

        Assert.Empty(mismatches);
    }

    [Fact]
    public void JointAndLastSurvivorTable_IsReproducedFromTheMortalityRates_InAll14641Cells()
    {
        var mismatches = new List<string>();
        for (int x = 0; x <= 120; x++)
        {
            for (int y = 0; y <= 120; y++)
            {
                double derived = Round1HalfUp(JointRaw(x, y));
                if (derived != RmdTables.JointLastSurvivor(x, y))
                {
                    mismatches.Add($"({x},{y}): derived {derived}, table {RmdTables.JointLastSurvivor(x, y)}");
                }
            }
        }

        Assert.Empty(mismatches);
    }

    [Fact]
    public void UniformLifetimeTable_IsReproducedAsJointWithASpouseTenYearsYounger_Ages10To120()
    {
        var mismatches = new List<string>();
        for (int x = 10; x <= 120; x++)
        {
            double derived = Round1HalfUp(JointRaw(x, x - 10));
            if (derived != RmdTables.UniformLifetime(x))
            {
                mismatches.Add($"{x}: derived {derived}, table {RmdTables.UniformLifetime(x)}");
            }
        }

        Assert.Empty(mismatches);
    }

    [Fact]
    public void Derivation_SumsFromKEquals1_SummingFromZeroWouldBeOneYearTooLong()
    {
        // Guards the convention: Σ_{k≥0} would add 0px = 1 to every value.
        Assert.Equal(27.4, Round1HalfUp(JointRaw(72, 62)));
        Assert.Equal(28.4, Round1HalfUp(JointRaw(72, 62) + 1.0));
    }

    [Fact]
    public void Derivation_NoCellLiesWithinFloatingPointNoiseOfARoundingBoundary()
    {
        // The closest raw value to a rounding boundary is Joint(55, 74) = 32.449995 (5e-6 below 32.45, i.e. 5e-5 of
        // a tenth), far beyond the ~1e-13 differences that summation order can make: the comparisons are robust.
        double closest = double.MaxValue;
        for (int x = 0; x <= 120; x++)
        {
            for (int y = 0; y <= 120; y++)
            {
                double tenths = JointRaw(x, y) * 10.0;
                closest = Math.Min(closest, Math.Abs(tenths - Math.Floor(tenths) - 0.5));
            }
        }

        Assert.True(closest > 1e-6, $"closest distance to a rounding boundary (in tenths): {closest}");
    }
}
