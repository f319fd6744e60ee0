namespace Sim.Engine.Scenarios.Parsing;

/// <summary><c>$.participant</c> and <c>$.participant.spouse</c>.</summary>
internal static class ParticipantSection
{
    public const int MinAge = 16;
    public static readonly NumberRange BirthYearRange = NumberRange.Between(1900, SimulationSection.LastSupportedYear);

    public static readonly string[] Fields =
    [
        "birthYear", "retirementAge", "endAge", "salary", "salaryGrowth", "yearsOfService", "fivePercentOwner",
        "disability", "spouse",
    ];

    public static readonly string[] SpouseFields = ["birthYear", "soleBeneficiary"];

    public static Participant Read(JsonObjectReader? o)
    {
        if (o is null)
        {
            return new Participant();
        }

        // The birth year drives every age rule; no default would be right, so it is required.
        o.Require("birthYear");
        return new Participant
        {
            BirthYear = o.Integer("birthYear", new Participant().BirthYear, BirthYearRange),
            RetirementAge = o.Integer("retirementAge", new Participant().RetirementAge,
                NumberRange.Between(MinAge, Participant.MaxEndAge)),
            EndAge = o.Integer("endAge", Participant.DefaultEndAge, NumberRange.Between(MinAge, Participant.MaxEndAge)),
            Salary = o.Number("salary", 0, NumberRange.Money),
            SalaryGrowth = o.Number("salaryGrowth", new Participant().SalaryGrowth, NumberRange.Between(-0.5, 0.5)),
            YearsOfService = o.Integer("yearsOfService", 0, NumberRange.Between(0, 100)),
            FivePercentOwner = o.Boolean("fivePercentOwner", false),
            Disability = o.Boolean("disability", false),
            Spouse = ReadSpouse(o),
        };
    }

    private static Spouse? ReadSpouse(JsonObjectReader o)
    {
        var s = o.Section("spouse", SpouseFields, nullable: true);
        if (s is null)
        {
            return null;
        }

        s.Require("birthYear");
        return new Spouse
        {
            BirthYear = s.Integer("birthYear", 0, BirthYearRange),
            SoleBeneficiary = s.Boolean("soleBeneficiary", true),
        };
    }
}
