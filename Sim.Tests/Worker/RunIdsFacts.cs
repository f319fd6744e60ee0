using System.Security.Cryptography;
using System.Text;
using Sim.Engine;
using Sim.Worker.Jobs;

namespace Sim.Tests.Worker;

public sealed class RunIdsFacts
{
    [Fact]
    public void Canonicalize_SortsMembersAndDropsWhitespace()
    {
        var canonical = CanonicalJson.Canonicalize("""
            { "b": [3, 1, {"z": true, "a": null}],
              "a": "x" }
            """);

        Assert.Equal("""{"a":"x","b":[3,1,{"a":null,"z":true}]}""", canonical);
    }

    [Theory]
    [InlineData("1", "1")]
    [InlineData("1.0", "1")]
    [InlineData("1e2", "100")]
    [InlineData("0.10", "0.1")]
    [InlineData("-0.0", "0")]
    [InlineData("2.5E-3", "0.0025")]
    [InlineData("18446744073709551615", "18446744073709551615")]
    public void CanonicalNumber_SpellsEqualNumbersOneWay(string token, string expected) =>
        Assert.Equal(expected, CanonicalJson.CanonicalNumber(token));

    [Fact]
    public void ForRun_WritesTheStartYearOnlyWhenTheScenarioHasNone()
    {
        Assert.Equal("""{"name":"a","simulation":{"paths":5,"startYear":2031}}""",
            CanonicalJson.ForRun("""{"simulation":{"paths":5},"name":"a"}""", 2031));
        Assert.Equal("""{"name":"a","simulation":{"startYear":2026}}""",
            CanonicalJson.ForRun("""{"name":"a","simulation":{"startYear":2026}}""", 2031));
        Assert.Equal("""{"name":"a","simulation":{"startYear":2031}}""", CanonicalJson.ForRun("""{"name":"a"}""", 2031));
    }

    [Fact]
    public void Compute_IsTheFirst16HexDigitsOfSha256OverContentPathsSeedAndEngineVersion()
    {
        // The documented material: canonical scenario, paths, seed and engine version, one per line.
        var material = "{\"name\":\"a\"}\n200\n7\n" + EngineInfo.Version;
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(material)))[..16];

        Assert.Equal(expected, RunIds.Compute("{\"name\":\"a\"}", 200, 7));
    }

    [Fact]
    public void Compute_ChangesWithPathsSeedAndContent()
    {
        var baseline = RunIds.Compute("{\"name\":\"a\"}", 200, 7);

        Assert.NotEqual(baseline, RunIds.Compute("{\"name\":\"a\"}", 201, 7));
        Assert.NotEqual(baseline, RunIds.Compute("{\"name\":\"a\"}", 200, 8));
        Assert.NotEqual(baseline, RunIds.Compute("{\"name\":\"b\"}", 200, 7));
        Assert.Equal(baseline, RunIds.Compute("{\"name\":\"a\"}", 200, 7));
    }

    [Theory]
    [InlineData("0123456789abcdef", true)]
    [InlineData("0123456789ABCDEF", false)]
    [InlineData("0123456789abcde", false)]
    [InlineData("../../etc/passwd", false)]
    [InlineData("/etc/passwd", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsWellFormed_AcceptsOnly16LowercaseHexDigits(string? id, bool expected) =>
        Assert.Equal(expected, RunIds.IsWellFormed(id));
}
