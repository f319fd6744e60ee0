namespace Sim.Engine.Scenarios;

// The scenario contract of spec section 11 as typed, immutable records, one type per file. Every property carries
// the documented default (spec section 12, "Defaults not stated above"), so a record built with `new()` is the
// default scenario. Instances come from ScenarioJson.Parse, which rejects unknown fields and reports every error with
// its JSON path; the engine only ever sees a validated Scenario.

/// <summary>One scenario file: a participant, a plan, a market model and a withdrawal policy.</summary>
public sealed record Scenario
{
    public string Name { get; init; } = "scenario";
    public string Description { get; init; } = "";
    public SimulationSettings Simulation { get; init; } = new();
    public Participant Participant { get; init; } = new();
    public Account Account { get; init; } = new();
    public Contributions Contributions { get; init; } = new();
    public Employer Employer { get; init; } = new();
    public Fees Fees { get; init; } = new();
    public Allocation Allocation { get; init; } = new();
    public Returns Returns { get; init; } = new();
    public Withdrawals Withdrawals { get; init; } = new();
    public IReadOnlyList<Loan> Loans { get; init; } = [];
    public Taxes Taxes { get; init; } = new();
    /// <summary>Social Security and pensions (default none).</summary>
    public IReadOnlyList<IncomeStream> Income { get; init; } = [];
    /// <summary>What happens to the balance at separation (default: it stays in the plan).</summary>
    public Separation Separation { get; init; } = new();

    /// <summary>Age attained in calendar year <paramref name="year"/> (spec 1: birthdays are July 1).</summary>
    public int AgeIn(int year) => year - Participant.BirthYear;

    /// <summary>First simulated year (step 0).</summary>
    public int FirstYear => Simulation.StartYear;

    /// <summary>Last simulated year: the year the participant attains endAge, inclusive.</summary>
    public int LastYear => Participant.BirthYear + Participant.EndAge;

    /// <summary>Number of simulated years.</summary>
    public int Years => LastYear - FirstYear + 1;
}
