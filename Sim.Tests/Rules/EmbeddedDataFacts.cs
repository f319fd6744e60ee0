using Sim.Engine.Rules;

namespace Sim.Tests.Rules;

public class EmbeddedDataFacts
{
    public static TheoryData<string, string> Files => new()
    {
        { "irs_uniform_lifetime_table_2022.csv", "26 CFR 1.401(a)(9)-9(c)" },
        { "irs_single_life_table_2022.csv", "26 CFR 1.401(a)(9)-9(b)" },
        { "irs_joint_last_survivor_table_2022_full_0-120.csv", "mortality rates" },
        { "irs_rmd_mortality_rates_2022.csv", "26 CFR 1.401(a)(9)-9(e)" },
        { "irs_401k_limits_2022_2026.csv", "Notice 2025-67" },
        { "us_federal_income_tax_brackets_2025_2026.csv", "Rev. Proc. 2025-32" },
        { "us_federal_standard_deduction_2025_2026.csv", "Rev. Proc. 2025-32" },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void EveryEmbeddedTable_StartsWithItsOriginLine(string file, string citation)
    {
        using Stream? stream = typeof(RmdTables).Assembly.GetManifestResourceStream("Sim.Engine.Data." + file);
        Assert.NotNull(stream);
        using var reader = new StreamReader(stream);
        string? first = reader.ReadLine();

        Assert.NotNull(first);
        Assert.StartsWith("# origin: ", first);
        Assert.Contains(citation, first);
        Assert.Contains(citation, EmbeddedCsv.Origin(file));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void EmbeddedCsv_SkipsTheOriginLine_AndReadsTheHeader(string file, string citation)
    {
        _ = citation;
        EmbeddedCsv csv = EmbeddedCsv.Load(file);

        Assert.False(csv.Header[0].StartsWith('#'));
        Assert.NotEmpty(csv.Rows);
        Assert.All(csv.Rows, r => Assert.Equal(csv.Header.Count, r.Length));
    }
}
