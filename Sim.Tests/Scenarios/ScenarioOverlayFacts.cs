using System.Text.Json.Nodes;
using Sim.Engine.Scenarios;
using static Sim.Tests.Scenarios.ScenarioTestSupport;

namespace Sim.Tests.Scenarios;

/// <summary>Stress overlays: RFC 7386 merge patch semantics, and the overlay file format on top of it.</summary>
public class ScenarioOverlayFacts
{
    /// <summary>RFC 7386 Appendix A, every example test case (target, patch, result).</summary>
    [Theory]
    [InlineData("""{"a":"b"}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"b":"c"}""", """{"a":"b","b":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"a":null}""", """{}""")]
    [InlineData("""{"a":"b","b":"c"}""", """{"a":null}""", """{"b":"c"}""")]
    [InlineData("""{"a":["b"]}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"c"}""", """{"a":["b"]}""", """{"a":["b"]}""")]
    [InlineData("""{"a":{"b":"c"}}""", """{"a":{"b":"d","c":null}}""", """{"a":{"b":"d"}}""")]
    [InlineData("""{"a":[{"b":"c"}]}""", """{"a":[1]}""", """{"a":[1]}""")]
    [InlineData("""["a","b"]""", """["c","d"]""", """["c","d"]""")]
    [InlineData("""{"a":"b"}""", """["c"]""", """["c"]""")]
    [InlineData("""{"a":"foo"}""", "null", "null")]
    [InlineData("""{"a":"foo"}""", "\"bar\"", "\"bar\"")]
    [InlineData("""{"e":null}""", """{"a":1}""", """{"e":null,"a":1}""")]
    [InlineData("""[1,2]""", """{"a":"b","c":null}""", """{"a":"b"}""")]
    [InlineData("""{}""", """{"a":{"bb":{"ccc":null}}}""", """{"a":{"bb":{}}}""")]
    public void Apply_FollowsTheRfc7386Examples(string target, string patch, string expected)
    {
        var merged = ScenarioOverlay.Apply(target, patch);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(merged)), merged);
    }

    [Fact]
    public void Apply_ReplacesArraysWhole_AndNullRestoresTheDefault()
    {
        var merged = ScenarioOverlay.Apply(
            """{ "participant": { "birthYear": 1991 }, "simulation": { "percentiles": [5, 50, 95], "seed": 7 } }""",
            """{ "simulation": { "percentiles": [50], "seed": null } }""");

        var s = Valid(merged);
        Assert.Equal([50], s.Simulation.Percentiles);
        Assert.Equal(1UL, s.Simulation.Seed);
    }

    [Fact]
    public void OverlayFile_AppliedToABase_ChangesOnlyWhatItNames_AndComposesNameAndDescription()
    {
        var overlay = OverlayFile.Parse("""
            { "name": "fat-tails", "description": "Student-t with 4 degrees of freedom.",
              "overlay": { "returns": { "model": "studentT", "degreesOfFreedom": 4 } } }
            """);
        Assert.True(overlay.IsValid);

        var baseJson = """{ "name": "base", "description": "A base.", "participant": { "birthYear": 1980, "salary": 1000 } }""";
        var merged = Valid(overlay.Overlay!.ApplyTo(baseJson));
        var original = Valid(baseJson);

        Assert.Equal("base-fat-tails", merged.Name);
        Assert.Equal("A base. Stress: Student-t with 4 degrees of freedom.", merged.Description);
        Assert.Equal(ReturnModelKind.StudentT, merged.Returns.Model);
        Assert.Equal(4, merged.Returns.DegreesOfFreedom);
        Assert.Equal(original.Participant, merged.Participant);
        Assert.Equal(original.Returns.Stocks, merged.Returns.Stocks);
    }

    [Fact]
    public void OverlayFile_ThatSetsItsOwnName_KeepsIt()
    {
        var overlay = OverlayFile.Parse("""{ "name": "x", "overlay": { "name": "renamed" } }""").Overlay!;

        Assert.Equal("renamed", Valid(overlay.ApplyTo(MinimalJson)).Name);
    }

    [Fact]
    public void OverlayFile_ShapeErrors_AreReported()
    {
        var r = OverlayFile.Validate("""{ "nmae": "x", "overlay": [1] }""", OverlayFile.ReferenceBaseJson, ClockYear);

        Assert.Equal(
            [
                "$.nmae: unknown field; did you mean \"name\"? allowed: name, description, overlay",
                "$.name: required field is missing",
                "$.overlay: expected an object (a JSON merge patch of the scenario), got array",
            ],
            r.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void OverlayFile_WhoseMergedScenarioIsInvalid_ReportsTheErrorUnderOverlay()
    {
        var r = OverlayFile.Validate(
            """{ "name": "bad", "overlay": { "returns": { "model": "normal", "degreesOfFreedom": 2 }, "fees": { "expenseRate": 0.01 } } }""",
            OverlayFile.ReferenceBaseJson, ClockYear);

        Assert.Equal(
            [
                "$.overlay.fees.expenseRate: unknown field; did you mean \"expenseRatio\"? allowed: expenseRatio",
                "$.overlay.returns.model: must be one of lognormal, studentT, bootstrap, historical, got \"normal\" (did you mean \"lognormal\"?)",
                "$.overlay.returns.degreesOfFreedom: must be > 2, got 2",
            ],
            r.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void OverlayFile_DuplicateKeyInsideThePatch_IsAnError()
    {
        var r = OverlayFile.Parse("""{ "name": "d", "overlay": { "returns": { "model": "studentT", "model": "bootstrap" } } }""");

        Assert.Equal("$.overlay.returns.model: duplicate key; a field may appear only once", Assert.Single(r.Errors).ToString());
    }

    [Theory]
    [InlineData("""{ "name": "x", "overlay": {} }""", true)]
    [InlineData("""{ "name": "x" }""", false)]
    [InlineData("""{ "participant": { "overlay": 1 } }""", false)]
    [InlineData("""{ "overlay": """, false)]
    public void IsOverlay_LooksForATopLevelOverlayKey(string json, bool expected)
    {
        Assert.Equal(expected, OverlayFile.IsOverlay(json));
    }

    [Fact]
    public void ReferenceBase_IsAValidScenario()
    {
        var s = Valid(OverlayFile.ReferenceBaseJson);

        Assert.Equal(2026, s.Simulation.StartYear);
        Assert.Equal(35, s.AgeIn(s.FirstYear));
    }
}
