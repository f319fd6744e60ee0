using Sim.Engine.Scenarios;
using static Sim.Tests.Scenarios.ScenarioTestSupport;

namespace Sim.Tests.Scenarios;

/// <summary><c>$.income</c> and <c>$.separation</c>: what is read, the defaults, and every mistake with its path.</summary>
public class IncomeValidationFacts
{
    private const string Couple = """
        "participant": { "birthYear": 1960, "retirementAge": 66, "spouse": { "birthYear": 1962 } }
        """;

    private static ScenarioParseResult Retiree(string members) => Parse($$"""
        { "participant": { "birthYear": 1960, "retirementAge": 66 }, "account": { "pretaxBalance": 500000 }, {{members}} }
        """);

    private static ScenarioParseResult CoupleWith(string members) => Parse($$"""
        { {{Couple}}, "account": { "pretaxBalance": 500000 }, {{members}} }
        """);

    [Fact]
    public void NoIncomeOrSeparation_GivesNoStreams_AndStayInThePlan()
    {
        var s = Valid(MinimalJson);

        Assert.Empty(s.Income);
        Assert.Equal(new Separation(), s.Separation);
        Assert.False(s.Separation.IsRollover);
    }

    [Fact]
    public void SocialSecurityAndPension_AreReadWithAgesInMonths()
    {
        var r = CoupleWith("""
            "income": [
              { "type": "socialSecurity", "pia": 2400, "claimAge": 67.5 },
              { "type": "socialSecurity", "owner": "spouse", "pia": 1200, "claimAge": 66.0833 },
              { "type": "pension", "annual": 18000, "startAge": 65, "cola": "inflation" },
              { "type": "pension", "owner": "spouse", "annual": 6000, "startAge": 62.5, "cola": 0.02 },
              { "type": "pension", "annual": 5000, "startAge": 70 }
            ]
            """);

        Assert.True(r.IsValid, string.Join("\n", r.Errors));
        Assert.Empty(r.Warnings);
        var income = r.Scenario!.Income;
        Assert.Equal(new SocialSecurityIncome { Pia = 2400, ClaimAgeMonths = 810 }, income[0]);
        Assert.Equal(new SocialSecurityIncome { Owner = IncomeOwner.Spouse, Pia = 1200, ClaimAgeMonths = 793 }, income[1]);
        Assert.Equal(new PensionIncome { Annual = 18000, StartAgeMonths = 780, Cola = PensionCola.Inflation }, income[2]);
        Assert.Equal(new PensionIncome { Owner = IncomeOwner.Spouse, Annual = 6000, StartAgeMonths = 750, Cola = PensionCola.Fixed(0.02) },
            income[3]);
        Assert.Equal(PensionCola.None, ((PensionIncome)income[4]).Cola);
    }

    [Fact]
    public void ClaimAge_DefaultsToTheOwnersFullRetirementAge()
    {
        var stream = (SocialSecurityIncome)Assert.Single(Valid(MinimalJsonWith("""
            "income": [ { "type": "socialSecurity", "pia": 2000 } ]
            """)).Income);

        Assert.Null(stream.ClaimAgeMonths);
        Assert.Equal(67 * 12, stream.FirstPaymentAgeMonths(1991));
        Assert.Equal(66 * 12 + 6, stream.FirstPaymentAgeMonths(1957));
    }

    [Theory]
    [InlineData("61.9", "$.income[0].claimAge: must be between 62 and 70, got 61.9")]
    [InlineData("70.5", "$.income[0].claimAge: must be between 62 and 70, got 70.5")]
    [InlineData("66.3",
        "$.income[0].claimAge: must be a whole number of months: 62 to 70 in steps of 1/12 (66 years 1 month = 66.0833, 67 years 6 months = 67.5), got 66.3")]
    [InlineData("\"67\"", "$.income[0].claimAge: expected a number, got string \"67\"")]
    public void ClaimAge_OutsideSixtyTwoToSeventy_OrNotAWholeMonth_IsAnError(string claimAge, string expected) =>
        Assert.Equal(expected, SingleError(Retiree($$"""
            "income": [ { "type": "socialSecurity", "pia": 2000, "claimAge": {{claimAge}} } ]
            """)));

    [Fact]
    public void Pia_IsRequired_AndNotNegative()
    {
        Assert.Equal("$.income[0].pia: required field is missing",
            SingleError(Retiree("""  "income": [ { "type": "socialSecurity", "claimAge": 67 } ] """)));
        Assert.Equal("$.income[0].pia: must be between 0 and 100,000,000,000, got -1",
            SingleError(Retiree("""  "income": [ { "type": "socialSecurity", "pia": -1 } ] """)));
    }

    [Fact]
    public void Pia_ThatLooksYearly_IsAWarning()
    {
        var r = Retiree("""  "income": [ { "type": "socialSecurity", "pia": 28000 } ] """);

        Assert.True(r.IsValid);
        Assert.StartsWith("$.income[0].pia: pia is the monthly benefit at full retirement age; 28,000 is above any",
            Assert.Single(r.Warnings).ToString());
    }

    [Fact]
    public void OwnerSpouse_WithoutASpouse_IsAnError()
    {
        Assert.Equal(
            "$.income[0].owner: \"spouse\" needs participant.spouse (its birthYear drives the stream's ages); add it or use \"participant\"",
            SingleError(Retiree("""  "income": [ { "type": "socialSecurity", "owner": "spouse", "pia": 1000 } ] """)));
    }

    [Fact]
    public void Owner_MustBeParticipantOrSpouse()
    {
        Assert.StartsWith("$.income[0].owner: must be one of participant, spouse, got \"wife\"",
            SingleError(Retiree("""  "income": [ { "type": "socialSecurity", "owner": "wife", "pia": 1000 } ] """)));
    }

    [Fact]
    public void PensionStartingAfterEndAge_IsAnError_NamingTheYears()
    {
        Assert.Equal(
            "$.income[0].startAge: the pension would start in 2056 (owner's age 95 and 6 months), after the last simulated year "
            + "2055 (the participant's endAge 95): the stream would pay nothing; start it earlier or raise endAge",
            SingleError(Retiree("""  "income": [ { "type": "pension", "annual": 10000, "startAge": 95.5 } ] """)));

        // At endAge itself it pays July to December of the last year: fine.
        Assert.True(Retiree("""  "income": [ { "type": "pension", "annual": 10000, "startAge": 95 } ] """).IsValid);
    }

    [Fact]
    public void ClaimAgePastTheHorizon_IsAnError_AlsoForTheDefaultClaimAge()
    {
        var shortLife = """{ "participant": { "birthYear": 1960, "retirementAge": 66, "endAge": 66 }, """;
        Assert.Equal(
            "$.income[0].claimAge: benefits would start in 2030 (owner's age 70), after the last simulated year 2026 "
            + "(the participant's endAge 66): the stream would pay nothing; start it earlier or raise endAge",
            SingleError(Parse(shortLife + """ "income": [ { "type": "socialSecurity", "pia": 1000, "claimAge": 70 } ] } """)));
        Assert.StartsWith("$.income[0]: benefits (claimed at full retirement age) would start in 2027 (owner's age 67)",
            SingleError(Parse(shortLife + """ "income": [ { "type": "socialSecurity", "pia": 1000 } ] } """)));
    }

    [Fact]
    public void SpouseStream_UsesTheSpousesBirthYear_ForTheHorizonCheck()
    {
        // The participant's horizon ends in 2055 (1960 + 95); the spouse born 1975 would be 85 only then.
        var r = Parse("""
            { "participant": { "birthYear": 1960, "retirementAge": 66, "spouse": { "birthYear": 1975 } },
              "income": [ { "type": "pension", "owner": "spouse", "annual": 1000, "startAge": 85 },
                          { "type": "pension", "owner": "spouse", "annual": 1000, "startAge": 80 } ] }
            """);

        Assert.Equal(
            "$.income[0].startAge: the pension would start in 2060 (owner's age 85), after the last simulated year 2055 "
            + "(the participant's endAge 95): the stream would pay nothing; start it earlier or raise endAge",
            SingleError(r));
    }

    [Theory]
    [InlineData("\"sometimes\"", "$.income[0].cola: must be \"inflation\", \"none\" or a fixed yearly increase between 0 and 0.1, got string \"sometimes\"")]
    [InlineData("3", "$.income[0].cola: must be between 0 and 0.1, got 3")]
    [InlineData("true", "$.income[0].cola: must be \"inflation\", \"none\" or a fixed yearly increase between 0 and 0.1, got boolean true")]
    public void PensionCola_IsInflationNoneOrASmallRate(string cola, string expected) =>
        Assert.Equal(expected, SingleError(Retiree($$"""
            "income": [ { "type": "pension", "annual": 10000, "startAge": 65, "cola": {{cola}} } ]
            """)));

    [Fact]
    public void Pension_NeedsAnnualAndStartAge()
    {
        var r = Retiree("""  "income": [ { "type": "pension" } ] """);

        Assert.Equal(["$.income[0].annual: required field is missing", "$.income[0].startAge: required field is missing"],
            r.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Type_IsRequired_AndMustBeKnown()
    {
        Assert.Equal("$.income[0].type: required field is missing",
            SingleError(Retiree("""  "income": [ { "pia": 1000 } ] """)));
        Assert.StartsWith("$.income[0].type: must be one of socialSecurity, pension, got \"annuity\"",
            SingleError(Retiree("""  "income": [ { "type": "annuity" } ] """)));
    }

    [Fact]
    public void AFieldOfTheOtherType_IsAnUnknownField_ListingTheTypesFields()
    {
        Assert.Equal(
            "$.income[0].annual: unknown field; allowed: type, owner, pia, claimAge",
            SingleError(Retiree("""  "income": [ { "type": "socialSecurity", "pia": 1000, "annual": 12000 } ] """)));
        Assert.Equal(
            "$.income[0].claimAge: unknown field; allowed: type, owner, annual, startAge, cola",
            SingleError(Retiree("""  "income": [ { "type": "pension", "annual": 1000, "startAge": 65, "claimAge": 65 } ] """)));
    }

    [Fact]
    public void Income_MustBeAnArrayOfObjects_WithAtMostTwentyStreams()
    {
        Assert.Equal("$.income: expected an array, got object",
            SingleError(Retiree("""  "income": { "type": "pension" } """)));
        Assert.Equal("$.income[0]: expected an object, got number 5", SingleError(Retiree("""  "income": [ 5 ] """)));
        var many = string.Join(", ", Enumerable.Repeat("""{ "type": "pension", "annual": 1, "startAge": 65 }""", 21));
        Assert.Equal("$.income: at most 20 entries allowed, got 21", SingleError(Retiree($"\"income\": [ {many} ]")));
    }

    [Fact]
    public void Separation_IsRead_WithItsDefaults()
    {
        Assert.Equal(new Separation { Action = SeparationAction.Rollover },
            Valid(MinimalJsonWith("""  "separation": { "action": "rollover" } """)).Separation);
        var indirect = Valid(MinimalJsonWith("""
            "separation": { "action": "rollover", "method": "indirect", "replaceWithholding": false, "expenseRatio": 0.0005 }
            """)).Separation;
        Assert.Equal(new Separation
        {
            Action = SeparationAction.Rollover, Method = RolloverMethod.Indirect, ReplaceWithholding = false, ExpenseRatio = 0.0005,
        }, indirect);
        Assert.True(indirect.WithholdingIsDistributed);
    }

    [Fact]
    public void Separation_BadValues_AreErrorsWithTheirPaths()
    {
        var r = ParseMinimalWith("""
            "separation": { "action": "cashOut", "method": "wire", "replaceWithholding": "yes", "expenseRatio": 0.5, "when": 55 }
            """);

        Assert.Equal(
            new SortedSet<string>
            {
                "$.separation.action", "$.separation.method", "$.separation.replaceWithholding", "$.separation.expenseRatio",
                "$.separation.when",
            },
            new SortedSet<string>(r.Errors.Select(e => e.Path)));
        var byPath = r.Errors.ToDictionary(e => e.Path, e => e.Message);
        Assert.StartsWith("must be one of stay, rollover, got \"cashOut\"", byPath["$.separation.action"]);
        Assert.StartsWith("must be one of direct, indirect, got \"wire\"", byPath["$.separation.method"]);
        Assert.Equal("expected true or false, got string \"yes\"", byPath["$.separation.replaceWithholding"]);
        Assert.Equal("must be between 0 and 0.1, got 0.5", byPath["$.separation.expenseRatio"]);
        Assert.Equal("unknown field; allowed: action, method, replaceWithholding, expenseRatio", byPath["$.separation.when"]);
    }

    [Fact]
    public void Rollover_WithAnAlreadyRetiredParticipant_IsAnError()
    {
        // Born 1960, retirementAge 65, 66 in 2026: separated in 2025, before the simulation.
        var r = Parse("""
            { "participant": { "birthYear": 1960, "retirementAge": 65 }, "separation": { "action": "rollover" } }
            """);

        Assert.Equal(
            "$.separation.action: a rollover happens at separation (January 1 of the year of retirementAge 65), but the "
            + "participant is 66 in startYear 2026, already retired: there is no separation left to act on; use \"stay\"",
            SingleError(r));

        // retirementAge reached in startYear itself also counts as already retired (spec 12), the same reading as
        // vesting and the first distribution year; one year of employment left is fine.
        Assert.False(Parse("""
            { "participant": { "birthYear": 1960, "retirementAge": 66 }, "separation": { "action": "rollover" } }
            """).IsValid);
        Assert.True(Parse("""
            { "participant": { "birthYear": 1960, "retirementAge": 67 }, "separation": { "action": "rollover" } }
            """).IsValid);
    }

    [Fact]
    public void SeparationFieldsThatDoNotApply_AreWarnings()
    {
        var stay = ParseMinimalWith("""  "separation": { "method": "indirect", "expenseRatio": 0.001 } """);
        Assert.True(stay.IsValid);
        Assert.Equal(
            [
                "$.separation.method: ignored when action is stay (the balance stays in the plan)",
                "$.separation.expenseRatio: ignored when action is stay (the balance stays in the plan)",
            ],
            stay.Warnings.Select(w => w.ToString()));

        var direct = ParseMinimalWith("""  "separation": { "action": "rollover", "replaceWithholding": false } """);
        Assert.Equal("$.separation.replaceWithholding: ignored when method is direct (nothing is withheld)",
            Assert.Single(direct.Warnings).ToString());
    }

    [Fact]
    public void SpendingNeed_NeedsANonNegativeNeed()
    {
        Assert.Equal(
            "$.withdrawals.need: required field is missing",
            SingleError(ParseMinimalWith("""  "withdrawals": { "strategy": "spendingNeed" } """)));
        Assert.Equal("$.withdrawals.need: must be between 0 and 100,000,000,000, got -1",
            SingleError(ParseMinimalWith("""  "withdrawals": { "strategy": "spendingNeed", "need": -1 } """)));
        Assert.Equal(60_000, Assert.IsType<SpendingNeedStrategy>(
            Valid(MinimalJsonWith("""  "withdrawals": { "strategy": "spendingNeed", "need": 60000 } """)).Withdrawals.Strategy).Need);
    }

    [Fact]
    public void FlatTax_WithSocialSecurity_UsesTheFilingStatus_SoItIsNotReportedAsIgnored()
    {
        var withSs = Retiree("""
            "taxes": { "method": "flat", "filingStatus": "mfj" },
            "income": [ { "type": "socialSecurity", "pia": 1000 } ]
            """);
        Assert.True(withSs.IsValid);
        Assert.Empty(withSs.Warnings);

        var without = Retiree("""  "taxes": { "method": "flat", "filingStatus": "mfj" } """);
        Assert.Equal("$.taxes.filingStatus: ignored when method is flat", Assert.Single(without.Warnings).ToString());
    }

    private static string MinimalJsonWith(string members) => $$"""
        { "participant": { "birthYear": 1991, "salary": 85000, "retirementAge": 65 }, "account": { "pretaxBalance": 60000 }, {{members}} }
        """;
}
