using static Sim.Tests.Scenarios.ScenarioTestSupport;

namespace Sim.Tests.Scenarios;

/// <summary>Each kind of mistake is reported with its JSON path and what is allowed, and all of them at once.</summary>
public class ScenarioValidationFacts
{
    [Fact]
    public void FileWithSeveralMistakes_ListsEveryOneWithItsPath()
    {
        var r = Parse("""
            {
              "name": "two words",
              "simulation": { "paths": 0 },
              "participant": { "birthYear": 1991, "retirmentAge": 65, "salary": -5, "endAge": 130 },
              "contributions": { "deferralRate": "6%" },
              "allocation": { "type": "fixed", "weights": { "stocks": 0.6, "bonds": 0.45 } },
              "returns": { "model": "normal" },
              "loans": [ { "age": 40, "amount": 10000, "years": 10 } ],
              "taxes": { "method": "flat", "rate": 0.22, "rate": 0.30 }
            }
            """);

        Assert.False(r.IsValid);
        Assert.Null(r.Scenario);
        var byPath = r.Errors.ToDictionary(e => e.Path, e => e.Message);
        Assert.Equal(
            new SortedSet<string>
            {
                "$.name", "$.simulation.paths", "$.participant.retirmentAge", "$.participant.salary",
                "$.participant.endAge", "$.contributions.deferralRate", "$.allocation.weights", "$.returns.model",
                "$.loans[0].years", "$.taxes.rate",
            },
            new SortedSet<string>(byPath.Keys));
        Assert.Equal(10, r.Errors.Count);
        Assert.StartsWith("must be file-safe", byPath["$.name"]);
        Assert.Equal("must be between 1 and 10,000,000, got 0", byPath["$.simulation.paths"]);
        Assert.Contains("did you mean \"retirementAge\"?", byPath["$.participant.retirmentAge"]);
        Assert.Equal("must be between 0 and 100,000,000,000, got -5", byPath["$.participant.salary"]);
        Assert.Equal("must be between 16 and 120, got 130", byPath["$.participant.endAge"]);
        Assert.Equal("expected a number, got string \"6%\"", byPath["$.contributions.deferralRate"]);
        Assert.Equal("weights sum to 1.05, must sum to 1", byPath["$.allocation.weights"]);
        Assert.StartsWith("must be one of lognormal, studentT, bootstrap, historical, got \"normal\"", byPath["$.returns.model"]);
        Assert.Equal("must be <= 5 unless residence is true (IRC 72(p)(2)(B)), got 10", byPath["$.loans[0].years"]);
        Assert.Equal("duplicate key; a field may appear only once", byPath["$.taxes.rate"]);
    }

    [Fact]
    public void UnknownField_IsAnError_NamingTheClosestAllowedName()
    {
        var r = Parse("""{ "participant": { "birthYear": 1991, "retirmentAge": 65 } }""");

        Assert.Equal(
            "$.participant.retirmentAge: unknown field; did you mean \"retirementAge\"? allowed: birthYear, "
            + "retirementAge, endAge, salary, salaryGrowth, yearsOfService, fivePercentOwner, disability, spouse",
            SingleError(r));
    }

    [Fact]
    public void UnknownField_FarFromEveryName_ListsTheAllowedNamesWithoutAGuess()
    {
        var r = ParseMinimalWith("\"fees\": { \"expenseRatio\": 0.005, \"wrapFee\": 0.01 }");

        Assert.Equal("$.fees.wrapFee: unknown field; allowed: expenseRatio", SingleError(r));
    }

    [Fact]
    public void UnknownTopLevelSection_IsAnError()
    {
        var r = ParseMinimalWith("\"withdrawal\": { \"strategy\": \"rmdOnly\" }");

        Assert.StartsWith("$.withdrawal: unknown field; did you mean \"withdrawals\"?", SingleError(r));
    }

    [Fact]
    public void WrongType_NamesTheExpectedAndTheGivenType()
    {
        var r = Parse("""{ "participant": { "birthYear": 1991, "salary": "85000" } }""");

        Assert.Equal("$.participant.salary: expected a number, got string \"85000\"", SingleError(r));
    }

    [Theory]
    [InlineData("\"fivePercentOwner\": \"yes\"", "$.participant.fivePercentOwner: expected true or false, got string \"yes\"")]
    [InlineData("\"retirementAge\": 65.5", "$.participant.retirementAge: expected a whole number, got 65.5")]
    [InlineData("\"salary\": null", "$.participant.salary: expected a number, got null")]
    [InlineData("\"spouse\": [1993]", "$.participant.spouse: expected an object, got array")]
    public void WrongType_IsReportedForEveryKindOfValue(string member, string expected)
    {
        var r = Parse($$"""{ "participant": { "birthYear": 1991, {{member}} } }""");

        Assert.Equal(expected, SingleError(r));
    }

    [Fact]
    public void WholeNumber_MayBeWrittenWithAnExponent()
    {
        var s = Valid("""{ "simulation": { "paths": 1e6 }, "participant": { "birthYear": 1991 } }""");

        Assert.Equal(1_000_000, s.Simulation.Paths);
    }

    [Fact]
    public void Weights_NotSummingToOne_IsAnErrorWithTheSum()
    {
        var r = ParseMinimalWith("""
            "allocation": { "type": "fixed", "weights": { "stocks": 0.6, "bonds": 0.45 } }
            """);

        Assert.Equal("$.allocation.weights: weights sum to 1.05, must sum to 1", SingleError(r));
    }

    [Fact]
    public void Weights_SummingToOneWithinRounding_AreAccepted()
    {
        // 0.1 + 0.2 + 0.7 is 1.0000000000000002 in binary floating point.
        var s = Valid("""
            { "participant": { "birthYear": 1991 },
              "allocation": { "type": "fixed", "weights": { "stocks": 0.1, "bonds": 0.2, "reits": 0.7 } } }
            """);

        Assert.Equal(new Sim.Engine.Scenarios.AssetWeights(0.1, 0.2, 0, 0.7), s.Allocation.Weights);
    }

    [Fact]
    public void TableGlidePoint_WeightsAreCheckedAtTheirOwnPath()
    {
        var r = ParseMinimalWith("""
            "allocation": { "type": "table", "points": [
              { "age": 30, "weights": { "stocks": 1.0 } },
              { "age": 60, "weights": { "stocks": 0.5, "bonds": 0.4 } },
              { "age": 50, "weights": { "bonds": 1.0 } } ] }
            """);

        Assert.Equal(
            [
                "$.allocation.points[1].weights: weights sum to 0.9, must sum to 1",
                "$.allocation.points[2].age: ages must increase from point to point: 50 is not after 60",
            ],
            r.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Correlation_NotPositiveDefinite_IsAnErrorAtTheMatrix()
    {
        // Stocks and bonds +0.9, bonds and cash +0.9, yet stocks and cash -0.9: impossible. (1, -1, 1) is an
        // eigenvector of the 3 x 3 block with eigenvalue 1 - 0.9 - 0.9 = -0.8, the smallest.
        var r = ParseMinimalWith("""
            "returns": { "correlation": [
              [1.0, 0.9, -0.9, 0.0, 0.0],
              [0.9, 1.0, 0.9, 0.0, 0.0],
              [-0.9, 0.9, 1.0, 0.0, 0.0],
              [0.0, 0.0, 0.0, 1.0, 0.0],
              [0.0, 0.0, 0.0, 0.0, 1.0] ] }
            """);

        var error = SingleError(r);
        Assert.StartsWith("$.returns.correlation: not positive definite (smallest eigenvalue -0.8)", error);
    }

    [Fact]
    public void Correlation_ShapeDiagonalSymmetryAndRange_AreEachReported()
    {
        var r = ParseMinimalWith("""
            "returns": { "correlation": [
              [1.0, 0.1, 0.0, 0.6, -0.05],
              [0.2, 1.0, 0.2, 0.2, -0.2],
              [0.0, 0.2, 0.9, 0.0, 0.5],
              [0.6, 0.2, 0.0, 1.0, 0.05],
              [-0.05, -0.2, 0.5, 0.05, 1.0] ] }
            """);

        Assert.Equal(
            [
                "$.returns.correlation[0][1]: the matrix must be symmetric: [0][1] is 0.1 but [1][0] is 0.2",
                "$.returns.correlation[2][2]: diagonal entries must be 1, got 0.9",
            ],
            r.Errors.Select(e => e.ToString()));

        var notSquare = ParseMinimalWith("""
            "returns": { "correlation": [ [1.0, 0.0], [0.0, 1.0] ] }
            """);
        Assert.Equal(
            "$.returns.correlation: must be a 5 x 5 matrix (order stocks, bonds, cash, reits, inflation), got 2 rows",
            SingleError(notSquare));

        var outside = ParseMinimalWith("""
            "returns": { "correlation": [
              [1.0, 1.2, 0.0, 0.0, 0.0], [1.2, 1.0, 0.0, 0.0, 0.0], [0.0, 0.0, 1.0, 0.0, 0.0],
              [0.0, 0.0, 0.0, 1.0, 0.0], [0.0, 0.0, 0.0, 0.0, 1.0] ] }
            """);
        Assert.Equal(
            ["$.returns.correlation[0][1]: must be between -1 and 1, got 1.2", "$.returns.correlation[1][0]: must be between -1 and 1, got 1.2"],
            outside.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void EndAge_BelowRetirementAge_IsAnError()
    {
        var r = Parse("""{ "participant": { "birthYear": 1991, "retirementAge": 65, "endAge": 60 } }""");

        Assert.Equal("$.participant.endAge: must be >= retirementAge (65), got 60", SingleError(r));
    }

    [Fact]
    public void EndAge_Above120_IsAnError()
    {
        var r = Parse("""{ "participant": { "birthYear": 1991, "endAge": 121 } }""");

        Assert.Equal("$.participant.endAge: must be between 16 and 120, got 121", SingleError(r));
    }

    [Fact]
    public void NegativeSalary_IsAnError()
    {
        var r = Parse("""{ "participant": { "birthYear": 1991, "salary": -5 } }""");

        Assert.Equal("$.participant.salary: must be between 0 and 100,000,000,000, got -5", SingleError(r));
    }

    [Theory]
    [InlineData(10_000_001, "$.simulation.paths: must be between 1 and 10,000,000, got 10,000,001")]
    [InlineData(0, "$.simulation.paths: must be between 1 and 10,000,000, got 0")]
    public void Paths_OutsideOneToTenMillion_IsAnError(int paths, string expected)
    {
        var r = ParseMinimalWith($"\"simulation\": {{ \"paths\": {paths} }}");

        Assert.Equal(expected, SingleError(r));
    }

    [Fact]
    public void Paths_AtTheCap_IsAccepted()
    {
        var s = Valid("""{ "simulation": { "paths": 10000000 }, "participant": { "birthYear": 1991 } }""");

        Assert.Equal(10_000_000, s.Simulation.Paths);
    }

    [Fact]
    public void DuplicateKey_IsAnError()
    {
        var r = Parse("""{ "participant": { "birthYear": 1991, "salary": 85000, "salary": 90000 } }""");

        Assert.Equal("$.participant.salary: duplicate key; a field may appear only once", SingleError(r));
    }

    [Fact]
    public void MalformedJson_IsOneErrorWithLineAndPosition()
    {
        var r = Parse("{\n  \"participant\": {\n    \"birthYear\": 1991\n    \"salary\": 85000\n  }\n}");

        var error = SingleError(r);
        Assert.StartsWith("$: malformed JSON at line 4, position 5:", error);
    }

    [Fact]
    public void TrailingComma_IsRejected_ButCommentsAreAllowed()
    {
        var trailing = Parse("{ \"participant\": { \"birthYear\": 1991, } }");
        Assert.Equal("$: malformed JSON at line 1, position 39: a trailing comma is not allowed (comments are)",
            SingleError(trailing));

        var s = Valid("""
            {
              // The seeds' typical participant.
              "participant": { "birthYear": 1991 /* July 1 birthday */ }
            }
            """);
        Assert.Equal(1991, s.Participant.BirthYear);
    }

    [Theory]
    [InlineData("[]", "$: expected an object, got array")]
    [InlineData("", "$: malformed JSON at line 1, position 1:")]
    [InlineData("{}", "$.participant: required field is missing (at least participant.birthYear)")]
    [InlineData("{ \"participant\": {} }", "$.participant.birthYear: required field is missing")]
    public void Document_WithoutAParticipantObject_IsAnError(string json, string expectedStart)
    {
        Assert.StartsWith(expectedStart, SingleError(Parse(json)));
    }

    [Fact]
    public void EnumValue_MustBeOneOfTheSpecSpellings()
    {
        var r = ParseMinimalWith("\"withdrawals\": { \"strategy\": \"FixedReal\", \"order\": \"prorata\" }");

        Assert.Equal(
            [
                "$.withdrawals.strategy: must be one of fixedReal, percentOfBalance, rmdOnly, guardrails, fixedNominal, spendingNeed, got \"FixedReal\" (did you mean \"fixedReal\"?)",
                "$.withdrawals.order: must be one of proRata, traditionalFirst, rothFirst, got \"prorata\" (did you mean \"proRata\"?)",
            ],
            r.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void StartYear_Before2022_IsAnError()
    {
        var r = ParseMinimalWith("\"simulation\": { \"startYear\": 2021 }");

        Assert.Equal("$.simulation.startYear: must be between 2022 and 2100, got 2021", SingleError(r));
    }

    [Fact]
    public void AgeAtStartYear_Below16_IsAnError()
    {
        var r = Parse("""{ "simulation": { "startYear": 2026 }, "participant": { "birthYear": 2015 } }""");

        Assert.Equal("$.participant.birthYear: the participant is 11 in startYear 2026; must be at least 16", SingleError(r));
    }

    [Fact]
    public void AgeAtStartYear_PastEndAge_IsAnError()
    {
        var r = Parse("""{ "participant": { "birthYear": 1926, "retirementAge": 65, "endAge": 95 } }""");

        Assert.Equal(
            "$.participant.endAge: the participant is already 100 in startYear 2026, past endAge 95: nothing to simulate",
            SingleError(r));
    }

    [Fact]
    public void Name_MustBeFileSafe()
    {
        var r = ParseMinimalWith("\"name\": \"../etc/passwd\"");

        Assert.Equal("$.name: must be file-safe: 1 to 100 letters, digits, '-' or '_', got \"../etc/passwd\"", SingleError(r));
    }

    [Theory]
    [InlineData("2", "$.returns.degreesOfFreedom: must be > 2, got 2")]
    [InlineData("2.5", null)]
    public void DegreesOfFreedom_MustExceedTwo(string dof, string? expected)
    {
        var r = ParseMinimalWith($"\"returns\": {{ \"model\": \"studentT\", \"degreesOfFreedom\": {dof} }}");

        if (expected is null)
        {
            Assert.True(r.IsValid);
            Assert.Equal(2.5, r.Scenario!.Returns.DegreesOfFreedom);
        }
        else
        {
            Assert.Equal(expected, SingleError(r));
        }
    }

    [Fact]
    public void BlockLength_BelowOne_IsAnError()
    {
        var r = ParseMinimalWith("\"returns\": { \"model\": \"bootstrap\", \"blockLength\": 0 }");

        Assert.Equal("$.returns.blockLength: must be between 1 and 100, got 0", SingleError(r));
    }

    [Theory]
    [InlineData("{ \"returns\": { \"stocks\": -0.37 } }", "$.returns.shocks[0]: needs exactly one of age, yearsAfterRetirement, year; got none")]
    [InlineData("{ \"age\": 66, \"year\": 2057, \"returns\": { \"stocks\": -0.37 } }", "$.returns.shocks[0]: needs exactly one of age, yearsAfterRetirement, year; got age and year")]
    [InlineData("{ \"age\": 66, \"returns\": {} }", "$.returns.shocks[0].returns: must pin at least one of stocks, bonds, cash, reits")]
    [InlineData("{ \"age\": 66, \"returns\": { \"stocks\": -1.5 } }", "$.returns.shocks[0].returns.stocks: must be between -1 and 10, got -1.5")]
    [InlineData("{ \"age\": 66, \"returns\": { \"inflation\": 0.1 } }", "$.returns.shocks[0].returns.inflation: unknown field; allowed: stocks, bonds, cash, reits")]
    public void Shock_NeedsExactlyOneSelectorAndSomeReturns(string shock, string expectedFirst)
    {
        var r = ParseMinimalWith($"\"returns\": {{ \"shocks\": [ {shock} ] }}");

        Assert.Equal(expectedFirst, r.Errors[0].ToString());
    }

    [Fact]
    public void Shock_OutsideTheSimulatedYears_IsAWarningOnly()
    {
        var r = ParseMinimalWith("\"returns\": { \"shocks\": [ { \"year\": 2008, \"returns\": { \"stocks\": -0.37 } } ] }");

        Assert.True(r.IsValid);
        Assert.Equal(
            "$.returns.shocks[0]: falls in 2008, outside the simulated years 2026-2086 (ages 35-95); it has no effect",
            Assert.Single(r.Warnings).ToString());
    }

    [Fact]
    public void Loan_TermOverFiveYears_IsAllowedOnlyForAResidence()
    {
        var s = Valid("""
            { "participant": { "birthYear": 1991 },
              "loans": [ { "age": 40, "amount": 30000, "years": 15, "residence": true } ] }
            """);
        Assert.Equal(15, s.Loans[0].Years);

        var r = ParseMinimalWith("\"loans\": [ { \"age\": 40, \"amount\": 30000, \"years\": 6 } ]");
        Assert.Equal("$.loans[0].years: must be <= 5 unless residence is true (IRC 72(p)(2)(B)), got 6", SingleError(r));
    }

    [Theory]
    [InlineData(34)]
    [InlineData(65)]
    public void Loan_OutsideTheEmploymentYears_IsAnError(int age)
    {
        var r = ParseMinimalWith($"\"loans\": [ {{ \"age\": {age}, \"amount\": 10000 }} ]");

        Assert.Equal(
            $"$.loans[0].age: a loan is taken while employed: must be between 35 (age in startYear) and 64 (retirementAge - 1), got {age}",
            SingleError(r));
    }

    [Fact]
    public void Loan_NeedsAgeAndAPositiveAmount()
    {
        var r = ParseMinimalWith("\"loans\": [ { \"amount\": 0 } ]");

        Assert.Equal(
            ["$.loans[0].age: required field is missing", "$.loans[0].amount: must be > 0 and <= 100,000,000,000, got 0"],
            r.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Percentiles_MustLieStrictlyBetween0And100_AndAreSorted()
    {
        var r = ParseMinimalWith("\"simulation\": { \"percentiles\": [50, 0, 100, 50] }");
        Assert.Equal(
            [
                "$.simulation.percentiles[1]: must be > 0 and < 100, got 0",
                "$.simulation.percentiles[2]: must be > 0 and < 100, got 100",
                "$.simulation.percentiles[3]: duplicate percentile 50",
            ],
            r.Errors.Select(e => e.ToString()));

        var s = Valid("""{ "simulation": { "percentiles": [99, 1, 50, 2.5] }, "participant": { "birthYear": 1991 } }""");
        Assert.Equal([1, 2.5, 50, 99], s.Simulation.Percentiles);
    }

    [Fact]
    public void MatchTiers_MustHaveIncreasingUpToWithinZeroToOne()
    {
        var r = ParseMinimalWith("""
            "employer": { "match": [ { "rate": 1.0, "upTo": 0.03 }, { "rate": 0.5, "upTo": 0.03 }, { "rate": 0.5, "upTo": 1.5 } ] }
            """);

        Assert.Equal(
            [
                "$.employer.match[1].upTo: tiers must have increasing upTo: 0.03 is not above the previous tier's 0.03",
                "$.employer.match[2].upTo: must be > 0 and <= 1, got 1.5",
            ],
            r.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void VestingSchedule_MustBeFractionsThatNeverDecrease()
    {
        var r = ParseMinimalWith("""
            "employer": { "vesting": { "type": "graded", "schedule": [0, 0.5, 0.4, 1.2] } }
            """);

        Assert.Equal(
            [
                "$.employer.vesting.schedule[2]: vested fractions must not decrease: 0.4 after 0.5",
                "$.employer.vesting.schedule[3]: must be between 0 and 1, got 1.2",
            ],
            r.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void CliffVesting_NeedsYears()
    {
        var r = ParseMinimalWith("\"employer\": { \"vesting\": { \"type\": \"cliff\" } }");

        Assert.Equal("$.employer.vesting.years: required field is missing", SingleError(r));
    }

    [Fact]
    public void RothShare_WithoutARothOption_IsAnError()
    {
        var r = ParseMinimalWith("\"contributions\": { \"rothShare\": 0.5, \"rothAvailable\": false }");

        Assert.Equal(
            "$.contributions.rothShare: must be 0 when rothAvailable is false (the plan has no Roth option), got 0.5",
            SingleError(r));
    }

    [Fact]
    public void RothShare_OutsideZeroToOne_IsAnError()
    {
        var r = ParseMinimalWith("\"contributions\": { \"rothShare\": 1.5 }");

        Assert.Equal("$.contributions.rothShare: must be between 0 and 1, got 1.5", SingleError(r));
    }

    [Fact]
    public void EmployerBalance_AbovePretaxBalance_IsAnError()
    {
        var r = Parse("""{ "participant": { "birthYear": 1991 }, "account": { "pretaxBalance": 60000, "employerBalance": 70000 } }""");

        Assert.Equal(
            "$.account.employerBalance: is the employer-source part of pretaxBalance, so must be <= pretaxBalance (60,000), got 70,000",
            SingleError(r));
    }

    [Theory]
    [InlineData("{ \"fromAge\": 59.5 }", "$.withdrawals.inService: needs exactly one of amount, rate; got none")]
    [InlineData("{ \"amount\": 10000, \"rate\": 0.04 }", "$.withdrawals.inService: needs exactly one of amount, rate; got both")]
    public void InService_NeedsExactlyOneOfAmountAndRate(string inService, string expected)
    {
        var r = ParseMinimalWith($"\"withdrawals\": {{ \"inService\": {inService} }}");

        Assert.Equal(expected, SingleError(r));
    }

    [Fact]
    public void PenaltyExceptions_AreTheSpecNamesListedOnce()
    {
        var r = ParseMinimalWith("\"taxes\": { \"exceptions\": [\"sepp\", \"sepp\", \"death\"] }");

        Assert.Equal(
            [
                "$.taxes.exceptions[1]: \"sepp\" is listed twice",
                "$.taxes.exceptions[2]: must be one of disability, sepp, got \"death\"",
            ],
            r.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void OneMistake_IsNotReportedAgainByTheRulesThatDependOnIt()
    {
        // birthYear is wrong, so the age-at-startYear and loan-age rules must stay quiet.
        var r = Parse("""
            { "participant": { "birthYear": "1991", "endAge": 95 }, "loans": [ { "age": 40, "amount": 5000 } ] }
            """);

        Assert.Equal("$.participant.birthYear: expected a whole number, got string \"1991\"", SingleError(r));
    }

    [Fact]
    public void ZeroSalaryBeforeRetirement_IsAWarningThatNothingWillBeContributed()
    {
        var working = Parse("""{ "participant": { "birthYear": 1991 } }""");
        Assert.True(working.IsValid);
        Assert.Equal(
            "$.participant.salary: salary is 0 (the default) but the participant works until retirementAge: no contributions will be made",
            Assert.Single(working.Warnings).ToString());

        var retired = Parse("""{ "participant": { "birthYear": 1956, "retirementAge": 65 }, "account": { "pretaxBalance": 500000 } }""");
        Assert.True(retired.IsValid);
        Assert.Empty(retired.Warnings);
    }

    [Fact]
    public void MisspelledField_DoesNotLeadToErrorsAboutTheDefaultItLeftBehind()
    {
        // retirementAge is misspelled, so it stays at the default 65; endAge 55 must not be reported as "below
        // retirementAge (65)", a value the user never wrote.
        var r = Parse("""{ "participant": { "birthYear": 1991, "salary": 1, "retirmentAge": 50, "endAge": 55 } }""");

        Assert.StartsWith("$.participant.retirmentAge: unknown field; did you mean \"retirementAge\"?", SingleError(r));
    }

    [Theory]
    [InlineData("""{ "name": "\uD800", "participant": { "birthYear": 1991 } }""", "$.name")]
    [InlineData("""{ "participant": { "birthYear": 1991, "\uDC00x": 1 } }""", "$.participant")]
    [InlineData("""{ "taxes": { "exceptions": ["sepp", "\uD800\uD800"] } }""", "$.taxes.exceptions[1]")]
    public void UnpairedSurrogateEscape_IsOneErrorNotAnException(string json, string path)
    {
        Assert.Equal($"{path}: malformed JSON: a \\u escape in this string or name is an unpaired UTF-16 surrogate",
            SingleError(Parse(json)));
        Assert.False(Sim.Engine.Scenarios.OverlayFile.IsOverlay(json));
    }

    [Fact]
    public void NumberBeyondDoubleRange_IsAnError()
    {
        var r = Parse("""{ "participant": { "birthYear": 1991, "salary": 1e400 } }""");

        Assert.Equal("$.participant.salary: number out of range: 1e400", SingleError(r));
    }
}
