namespace Sim.Engine.Rules;

/// <summary>
/// Plan loans that are not deemed distributions (IRC 72(p)(2); Treas. Reg. 1.72(p)-1; spec 9).
/// </summary>
public static class LoanLimits
{
    /// <summary>The dollar cap of IRC 72(p)(2)(A)(i).</summary>
    public const double DollarCap = 50_000;

    /// <summary>The floor of IRC 72(p)(2)(A)(ii)(II), available only if the plan offers it.</summary>
    public const double Floor = 10_000;

    /// <summary>The repayment term for a loan not used to buy a principal residence (IRC 72(p)(2)(B)(i)).</summary>
    public const int GeneralMaxTermYears = 5;

    /// <summary>
    /// The term the model allows for a principal-residence loan. The statute sets no limit (72(p)(2)(B)(ii)) and
    /// leaves it to the plan; 30 years is a common plan maximum and the model's choice.
    /// </summary>
    public const int ResidenceMaxTermYears = 30;

    /// <summary>
    /// The largest new loan (IRC 72(p)(2)(A)): the lesser of $50,000 less the highest outstanding loan balance of
    /// the previous 12 months, and the greater of 50% of the vested balance and $10,000 (the floor only if
    /// <paramref name="tenThousandFloor"/>). Never negative, never above the vested balance.
    /// </summary>
    public static double MaxLoan(double vestedBalance, double highestBalancePrevious12Months, bool tenThousandFloor) =>
        MaxLoan(vestedBalance, highestBalancePrevious12Months, 0.0, tenThousandFloor);

    /// <summary>
    /// The largest new loan when loans are already outstanding. The statute limits all loans together: new plus
    /// outstanding ≤ $50,000 − (highest balance of the previous 12 months − outstanding), which leaves
    /// <c>50,000 − highest</c> for the new loan; and new plus outstanding ≤ max(50% of vested, $10,000 if offered).
    /// </summary>
    public static double MaxLoan(
        double vestedBalance, double highestBalancePrevious12Months, double outstandingBalance, bool tenThousandFloor)
    {
        double vested = Math.Max(0.0, vestedBalance);
        double outstanding = Math.Max(0.0, outstandingBalance);
        double highest = Math.Max(outstanding, highestBalancePrevious12Months);
        double dollarRoom = DollarCap - highest;
        double shareRoom = Math.Max(0.5 * vested, tenThousandFloor ? Floor : 0.0) - outstanding;
        double max = Math.Min(Math.Min(dollarRoom, shareRoom), vested - outstanding);
        return Math.Max(0.0, max);
    }

    /// <summary>
    /// The level annual payment (principal and interest) that repays <paramref name="principal"/> over
    /// <paramref name="years"/> annual payments at <paramref name="rate"/> (IRC 72(p)(2)(C) requires substantially
    /// level amortization): <c>P·r / (1 − (1+r)^−n)</c>, or <c>P/n</c> when the rate is 0.
    /// </summary>
    public static double LevelAnnualPayment(double principal, double rate, int years)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(years, 1);
        if (rate == 0.0)
        {
            return principal / years;
        }

        return principal * rate / (1.0 - Math.Pow(1.0 + rate, -years));
    }

    /// <summary>The longest repayment term: 5 years, or <see cref="ResidenceMaxTermYears"/> for a home loan.</summary>
    public static int MaxTermYears(bool residence) => residence ? ResidenceMaxTermYears : GeneralMaxTermYears;
}
