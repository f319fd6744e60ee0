using Sim.Engine.Rules;
using Sim.Engine.Scenarios;

namespace Sim.Engine.Simulation;

/// <summary>
/// Everything about one simulated year that is the same on every path: age, employment, target weights, the
/// contributions (salary is deterministic, so deferrals, match and limits are too), the RMD divisor, whether the
/// 10% additional tax applies, the tax schedule. Built once per run by <see cref="YearPlan.Build"/>; the path
/// kernel only does the per-path arithmetic.
/// </summary>
public sealed record YearPlan
{
    /// <summary>Year index: 0 = startYear.</summary>
    public required int Index { get; init; }
    /// <summary>Calendar year.</summary>
    public required int Year { get; init; }
    /// <summary>The participant's age attained in the year (Year − birthYear).</summary>
    public required int Age { get; init; }
    /// <summary>Employment year: age &lt; retirementAge (spec 1). Salary, contributions, no lifetime distributions.</summary>
    public required bool Employed { get; init; }
    /// <summary>The first distribution year (or startYear when already retired).</summary>
    public required bool FirstDistributionYear { get; init; }
    /// <summary>The separation year (January 1 of the retirement year); never when already retired at startYear.</summary>
    public required bool SeparationYear { get; init; }
    /// <summary>The last employment year: forfeiture happens at its end (spec 12).</summary>
    public required bool LastEmploymentYear { get; init; }
    /// <summary>Target allocation of the year; the portfolio is rebalanced to it on January 1.</summary>
    public required AssetWeights Weights { get; init; }

    /// <summary>Salary of the year, nominal dollars (0 when not employed).</summary>
    public required double Salary { get; init; }
    /// <summary>Pre-tax deferral of the year after the 402(g) and catch-up limits, nominal dollars.</summary>
    public required double EmployeePretax { get; init; }
    /// <summary>Roth deferral of the year after the limits (the catch-up part of a high earner included), nominal dollars.</summary>
    public required double EmployeeRoth { get; init; }
    /// <summary>Match after 415(c); follows the vesting schedule.</summary>
    public required double Match { get; init; }
    /// <summary>Non-elective after 415(c); immediately vested when safeHarborVested.</summary>
    public required double NonElective { get; init; }
    /// <summary>Whether the non-elective money is vested at once (<c>safeHarborVested</c>).</summary>
    public required bool NonElectiveVested { get; init; }
    /// <summary>Vested fraction of employer money if separation happened at the end of this year.</summary>
    public required double VestedFraction { get; init; }
    /// <summary>Vested fraction at the start of this year (for the loan limit's vested balance).</summary>
    public required double VestedFractionAtStart { get; init; }
    /// <summary>Interest rate of the loan being repaid this year (the latest loan originated so far).</summary>
    public required double LoanRate { get; init; }
    /// <summary>A loan may originate, be repaid or become a deemed distribution this year: from the first loan's
    /// year through the separation year (whatever the rate, 0 included).</summary>
    public required bool LoanEvents { get; init; }

    /// <summary>RMD divisor for this year, or 0 when no RMD is required this year.</summary>
    public required double RmdDivisor { get; init; }
    /// <summary>First RMD year with deferFirstRmd: the requirement is computed but paid next year.</summary>
    public required bool RmdDeferredThisYear { get; init; }
    /// <summary>The year after the first RMD year with deferFirstRmd: it pays the deferred requirement on top of its
    /// own. Later years have nothing deferred left.</summary>
    public required bool PaysDeferredRmd { get; init; }
    /// <summary>Roth balances have lifetime RMDs only in 2022-2023.</summary>
    public required bool RothRmd { get; init; }

    /// <summary>Distribution years and in-service years withdraw; employment years otherwise do not.</summary>
    public required bool InService { get; init; }
    /// <summary>The 10% additional tax applies to this year's withdrawals: the plan's rule, or the IRA's (no rule of
    /// 55) once the balance has been rolled over (docs/model.md section 13).</summary>
    public required bool PenaltyApplies { get; init; }
    /// <summary>The 10% additional tax applies to a distribution from the plan this year (a deemed loan
    /// distribution, the withheld 20% of an indirect rollover): the plan's rule, whatever happens afterwards.</summary>
    public required bool PlanPenaltyApplies { get; init; }
    /// <summary>Social Security and pension coefficients of this year (docs/model.md section 11).</summary>
    public required IncomeYear Income { get; init; }
    /// <summary>The household's tax settings, for the year's tax with income (docs/model.md section 11).</summary>
    public required HouseholdTaxation Taxation { get; init; }
    /// <summary>The year the vested balance is rolled over to an IRA (the separation year with action rollover).</summary>
    public required bool RolloverYear { get; init; }
    /// <summary>Share of the pre-tax balance withheld and not replaced in an indirect rollover (0.2 in the rollover
    /// year when replaceWithholding is false, else 0): a distribution from the plan.</summary>
    public required double WithheldShare { get; init; }
    /// <summary>This year's expense ratio: the plan's, or the IRA's from the rollover year on.</summary>
    public required double ExpenseRatio { get; init; }
    /// <summary>Roth withdrawals are qualified this year: age 59½ reached by January 1 and the Roth account at least 5 years old.</summary>
    public required bool RothQualified { get; init; }
    /// <summary>Guardrails may cut only while at least 15 years remain (endAge - age >= 15).</summary>
    public required bool GuardrailCutAllowed { get; init; }
    /// <summary>The year's federal brackets (indexed after 2026); null with the flat method.</summary>
    public required TaxSchedule? Brackets { get; init; }
    /// <summary>Loans originated this year (at the start of the year, after distributions).</summary>
    public required IReadOnlyList<Loan> NewLoans { get; init; }

    /// <summary>Employee deferrals of the year, pre-tax + Roth.</summary>
    public double EmployeeTotal => EmployeePretax + EmployeeRoth;
    /// <summary>Employer contributions of the year, match + non-elective.</summary>
    public double EmployerTotal => Match + NonElective;

    /// <summary>Builds the plan of every simulated year of a validated scenario.</summary>
    public static YearPlan[] Build(Scenario s)
    {
        var p = s.Participant;
        var c = s.Contributions;
        var e = s.Employer;
        double indexing = s.Returns.EffectiveLimitIndexing;
        int years = s.Years;
        int startAge = s.AgeIn(s.FirstYear);
        var milestones = Milestones.Of(s);
        bool retiredAtStart = milestones.RetiredAtStart;
        int firstRmdYear = milestones.FirstRmdYear;
        int? spouseAgeOffset = p.Spouse is { } sp ? sp.BirthYear - p.BirthYear : null;
        bool soleBeneficiary = p.Spouse?.SoleBeneficiary ?? false;
        // Spec 12: the given year; else startYear when a Roth balance exists; else the first year with a Roth
        // deferral (found as the loop reaches it; before it there is no Roth money to qualify).
        int firstRothYear = s.Account.RothFirstContributionYear
                            ?? (s.Account.RothBalance > 0 ? s.FirstYear : int.MaxValue);
        bool disability = p.Disability || s.Taxes.Exceptions.Contains(PenaltyException.Disability);
        bool sepp = s.Taxes.Exceptions.Contains(PenaltyException.Sepp);
        var inService = s.Withdrawals.InService;
        var separation = s.Separation;
        int? rolloverYear = separation.IsRollover ? milestones.SeparationYear : null;
        var incomeStreams = IncomeSchedule.Policies(s);
        var taxation = HouseholdTaxation.Of(s);

        var plan = new YearPlan[years];
        double loanRate = 0;
        int firstLoanAge = s.Loans.Count > 0 ? s.Loans.Min(l => l.Age) : int.MaxValue;
        for (int t = 0; t < years; t++)
        {
            int year = s.FirstYear + t;
            int age = year - p.BirthYear;
            bool employed = age < p.RetirementAge;
            var limits = ContributionLimits.For(year, indexing);

            double salary = 0, pretax = 0, roth = 0, match = 0, nonElective = 0;
            if (employed)
            {
                salary = p.Salary * Math.Pow(1 + p.SalaryGrowth, t);
                double priorSalary = p.Salary * Math.Pow(1 + p.SalaryGrowth, t - 1);
                double comp = CompensationLimit.PlanCompensation(limits, salary);
                double rate = DeferralRate(c, t);
                var deferral = ElectiveDeferral.Compute(limits, age, comp, rate, c.RothShare, c.RothAvailable, priorSalary);
                pretax = deferral.Pretax;
                roth = deferral.Roth;
                double rawMatch = EmployerMatch.Amount(e.Match, comp, deferral.Total);
                double rawNonElective = e.NonElective * comp;
                (match, nonElective) = AnnualAdditions.Apply(limits, comp, deferral.Total - deferral.CatchUp, rawMatch, rawNonElective);
                if (roth > 0 && firstRothYear == int.MaxValue)
                {
                    firstRothYear = year;
                }
            }

            // Completed years of service at the end of this year (spec 12: the last employment year counts).
            int completedYears = p.YearsOfService + Math.Max(0, Math.Min(t + 1, p.RetirementAge - startAge));
            double vested = Vesting.VestedFraction(e.Vesting, completedYears);
            int completedAtStart = p.YearsOfService + Math.Max(0, Math.Min(t, p.RetirementAge - startAge));
            double vestedAtStart = Vesting.VestedFraction(e.Vesting, completedAtStart);
            var newLoans = employed ? s.Loans.Where(l => l.Age == age).ToArray() : [];
            if (newLoans.Length > 0)
            {
                loanRate = newLoans[^1].Rate;
            }

            bool rmdYear = year >= firstRmdYear;
            double divisor = rmdYear
                ? RequiredMinimumDistributions.Divisor(age, spouseAgeOffset is { } off ? age - off : null, soleBeneficiary)
                : 0;

            bool inServiceYear = employed && inService is not null && InServiceEligible(age, inService.FromAge);
            bool separated = !employed;
            bool inIra = year >= rolloverYear;
            bool planPenalty = EarlyWithdrawalPenalty.Applies(age, p.RetirementAge, separated, disability, sepp);

            plan[t] = new YearPlan
            {
                Index = t,
                Year = year,
                Age = age,
                Employed = employed,
                FirstDistributionYear = year == milestones.FirstDistributionYear,
                SeparationYear = year == milestones.SeparationYear,
                LastEmploymentYear = year == milestones.LastEmploymentYear,
                Weights = AllocationRules.WeightsAt(s.Allocation, age),
                Salary = salary,
                EmployeePretax = pretax,
                EmployeeRoth = roth,
                Match = match,
                NonElective = nonElective,
                NonElectiveVested = e.SafeHarborVested,
                VestedFraction = retiredAtStart ? 1.0 : vested,
                VestedFractionAtStart = retiredAtStart ? 1.0 : vestedAtStart,
                LoanRate = loanRate,
                LoanEvents = age >= firstLoanAge && (employed || year == milestones.SeparationYear),
                RmdDivisor = divisor,
                RmdDeferredThisYear = rmdYear && year == firstRmdYear && s.Withdrawals.DeferFirstRmd,
                PaysDeferredRmd = rmdYear && year == firstRmdYear + 1 && s.Withdrawals.DeferFirstRmd,
                // A Roth IRA has no lifetime RMD (IRC 408A(c)(5)).
                RothRmd = rmdYear && !inIra && RequiredMinimumDistributions.RothSubjectToLifetimeRmd(year),
                InService = inServiceYear,
                PenaltyApplies = inIra ? EarlyWithdrawalPenalty.AppliesToIra(age, disability, sepp) : planPenalty,
                PlanPenaltyApplies = planPenalty,
                Income = IncomeSchedule.ForYear(incomeStreams, year),
                Taxation = taxation,
                RolloverYear = year == rolloverYear,
                WithheldShare = year == rolloverYear && separation.WithholdingIsDistributed ? Separation.MandatoryWithholdingRate : 0,
                ExpenseRatio = inIra ? separation.ExpenseRatio ?? s.Fees.ExpenseRatio : s.Fees.ExpenseRatio,
                RothQualified = RothQualification.IsQualified(age, year, firstRothYear),
                GuardrailCutAllowed = p.EndAge - age >= 15,
                Brackets = s.Taxes.Method == TaxMethod.Brackets
                    ? TaxSchedule.For(year, s.Taxes.FilingStatus, indexing)
                    : null,
                NewLoans = newLoans,
            };
        }

        return plan;
    }

    /// <summary>Spec 12: d(Y) = min(deferralRate + step·(Y − startYear), max(cap, deferralRate)).</summary>
    internal static double DeferralRate(Contributions c, int yearIndex) =>
        Math.Min(c.DeferralRate + c.EscalationStep * yearIndex, Math.Max(c.EscalationCap, c.DeferralRate));

    /// <summary>
    /// In-service distributions happen on January 1; with July 1 birthdays the participant is age(Y) − ½ then, so
    /// "from age a" means age(Y) − ½ ≥ a (59½ → the year of 60; 55 → the year of 56).
    /// </summary>
    internal static bool InServiceEligible(int age, double fromAge) => age - 0.5 >= fromAge;
}
