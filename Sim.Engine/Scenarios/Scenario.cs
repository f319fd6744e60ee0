namespace Sim.Engine.Scenarios;

// The scenario contract of spec section 11 as typed, immutable records, one type per file. Every property carries
// the documented default (spec section 12, "Defaults not stated above"), so a record built with `new()` is the
// default scenario. Instances come from ScenarioJson.Parse, which rejects unknown fields and reports every error with
// its JSON path; the engine only ever sees a validated Scenario.

/// <summary>One scenario file: a participant, a plan, a market model and a withdrawal policy.</summary>
public sealed record Scenario
{
    /// <summary>File-safe name (letters, digits, <c>-</c>, <c>_</c>; at most 100 characters): names the output folder and the run.</summary>
    public string Name { get; init; } = "scenario";
    /// <summary>Free text shown beside the name in reports; at most 1,000 characters.</summary>
    public string Description { get; init; } = "";
    /// <summary>Paths, seed, start year and percentiles.</summary>
    public SimulationSettings Simulation { get; init; } = new();
    /// <summary>The participant: ages, salary, service, spouse.</summary>
    public Participant Participant { get; init; } = new();
    /// <summary>Balances at the start.</summary>
    public Account Account { get; init; } = new();
    /// <summary>Employee deferrals while employed.</summary>
    public Contributions Contributions { get; init; } = new();
    /// <summary>Match, non-elective contribution and vesting.</summary>
    public Employer Employer { get; init; } = new();
    /// <summary>Plan expense ratio.</summary>
    public Fees Fees { get; init; } = new();
    /// <summary>How the balance is split over the assets each year.</summary>
    public Allocation Allocation { get; init; } = new();
    /// <summary>The return model, its parameters and stress shocks.</summary>
    public Returns Returns { get; init; } = new();
    /// <summary>The withdrawal strategy and the knobs every strategy shares.</summary>
    public Withdrawals Withdrawals { get; init; } = new();
    /// <summary>Plan loans, in the order they are requested (default none).</summary>
    public IReadOnlyList<Loan> Loans { get; init; } = [];
    /// <summary>Income tax and the 10% additional tax's exceptions.</summary>
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
