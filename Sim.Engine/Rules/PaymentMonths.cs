namespace Sim.Engine.Rules;

/// <summary>
/// Months of a calendar year in which a benefit that starts at a given age is paid, with the model's July 1
/// birthdays (docs/model.md sections 1 and 11): a person born in B reaches age a years and k months on the first of month
/// July + k of year B + a. Payment starts in that month and runs through December; later years pay 12.
/// Used by Social Security (the first benefit month is the month the owner reaches the claim age) and pensions.
/// </summary>
public static class PaymentMonths
{
    /// <summary>Index of July (January = 0): the month of every birthday.</summary>
    private const int BirthdayMonth = 6;

    /// <summary>The calendar year of the first payment.</summary>
    public static int FirstYear(int birthYear, int startAgeMonths) =>
        birthYear + (BirthdayMonth + startAgeMonths) / 12;

    /// <summary>Months paid in <paramref name="year"/>: 0 before the first payment year, <c>12 − month index</c>
    /// of the first payment month in that year (a start in July pays 6), 12 afterwards.</summary>
    public static int InYear(int year, int birthYear, int startAgeMonths)
    {
        var first = FirstYear(birthYear, startAgeMonths);
        if (year < first)
        {
            return 0;
        }

        return year == first ? 12 - (BirthdayMonth + startAgeMonths) % 12 : 12;
    }
}
