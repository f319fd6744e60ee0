using System.Globalization;

namespace Sim.Engine.Rules;

/// <summary>
/// The life expectancy and distribution period tables in force from 2022 (Treas. Reg. 1.401(a)(9)-9, as amended by
/// TD 9930): Single Life (paragraph (b)), Uniform Lifetime (paragraph (c); ages 10-71 from Notice 2022-6 App. A,
/// used only for 72(t) payment plans) and Joint and Last Survivor (paragraph (d)), with the mortality rates they
/// were built from (paragraph (e)). Loaded once from the embedded CSVs.
/// </summary>
public static class RmdTables
{
    /// <summary>The tables' last age, read as "120 and older".</summary>
    public const int MaxAge = 120;

    /// <summary>The Uniform Lifetime Table's first age (ages 10-71 come from Notice 2022-6).</summary>
    public const int UniformFirstAge = 10;

    private static readonly Lazy<double[]> Uniform = new(() => LoadByAge("irs_uniform_lifetime_table_2022.csv", "distribution_period", UniformFirstAge));
    private static readonly Lazy<double[]> Single = new(() => LoadByAge("irs_single_life_table_2022.csv", "life_expectancy", 0));
    private static readonly Lazy<double[]> Mortality = new(() => LoadByAge("irs_rmd_mortality_rates_2022.csv", "probability_of_death_qx", 0));
    private static readonly Lazy<double[,]> Joint = new(LoadJoint);

    /// <summary>
    /// Uniform Lifetime Table distribution period at <paramref name="age"/> (ages 10..120; above 120 the 120 row,
    /// "120 and older"). Ages 72-120 are the RMD table; 10-71 are Notice 2022-6's extension.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Age below 10.</exception>
    public static double UniformLifetime(int age)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(age, UniformFirstAge);
        return Uniform.Value[Math.Min(age, MaxAge)];
    }

    /// <summary>
    /// Joint and Last Survivor Table value for two ages (each 0..120, clamped at 120). The table is symmetric, so
    /// the argument order does not matter.
    /// </summary>
    public static double JointLastSurvivor(int age, int otherAge)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(age);
        ArgumentOutOfRangeException.ThrowIfNegative(otherAge);
        return Joint.Value[Math.Min(age, MaxAge), Math.Min(otherAge, MaxAge)];
    }

    /// <summary>Single Life Table life expectancy at <paramref name="age"/> (0..120, clamped at 120).</summary>
    public static double SingleLife(int age)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(age);
        return Single.Value[Math.Min(age, MaxAge)];
    }

    /// <summary>
    /// The published unisex mortality rate q_x (Treas. Reg. 1.401(a)(9)-9(e)), ages 0..120. The regulation lists
    /// 0.4 at 120; the tables were built with death certain after 120 (q_120 = 1), see docs/rules-notes.md.
    /// </summary>
    public static double MortalityRate(int age)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(age);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(age, MaxAge);
        return Mortality.Value[age];
    }

    private static double[] LoadByAge(string file, string column, int firstAge)
    {
        EmbeddedCsv csv = EmbeddedCsv.Load(file);
        int cAge = csv.Column("age");
        int cValue = csv.Column(column);
        var values = new double[MaxAge + 1];
        Array.Fill(values, double.NaN);
        foreach (string[] row in csv.Rows)
        {
            values[EmbeddedCsv.ParseInt(row[cAge])] = EmbeddedCsv.ParseDouble(row[cValue]);
        }

        for (int a = firstAge; a <= MaxAge; a++)
        {
            if (double.IsNaN(values[a]))
            {
                throw new InvalidDataException($"{file} has no row for age {a.ToString(CultureInfo.InvariantCulture)}.");
            }
        }

        return values;
    }

    private static double[,] LoadJoint()
    {
        const string file = "irs_joint_last_survivor_table_2022_full_0-120.csv";
        EmbeddedCsv csv = EmbeddedCsv.Load(file);
        if (csv.Header.Count != MaxAge + 2 || csv.Rows.Count != MaxAge + 1)
        {
            throw new InvalidDataException($"{file} must be a 121 x 121 matrix with an age column.");
        }

        var table = new double[MaxAge + 1, MaxAge + 1];
        foreach (string[] row in csv.Rows)
        {
            int x = EmbeddedCsv.ParseInt(row[0]);
            for (int c = 1; c < row.Length; c++)
            {
                int y = EmbeddedCsv.ParseInt(csv.Header[c]);
                table[x, y] = EmbeddedCsv.ParseDouble(row[c]);
            }
        }

        return table;
    }
}
