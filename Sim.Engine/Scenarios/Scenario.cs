namespace Sim.Engine.Scenarios;

// The scenario contract of spec section 11 as typed, immutable records. Every property carries the documented
// default (spec section 12, "Defaults not stated above"), so a record built with `new()` is the default scenario.
// Instances come from ScenarioJson.Parse, which rejects unknown fields and reports every error with its JSON path;
// the engine only ever sees a validated Scenario.

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

public sealed record SimulationSettings
{
    public const int DefaultPaths = 10_000;
    public const int MaxPaths = 10_000_000;
    public const ulong DefaultSeed = 1;
    public static readonly IReadOnlyList<double> DefaultPercentiles = [5, 10, 25, 50, 75, 90, 95];

    public int Paths { get; init; } = DefaultPaths;
    public ulong Seed { get; init; } = DefaultSeed;
    /// <summary>Step 0. The parser fills a missing value from the caller's clock; the engine never reads one.</summary>
    public int StartYear { get; init; } = 2026;
    public IReadOnlyList<double> Percentiles { get; init; } = DefaultPercentiles;
}

public sealed record Participant
{
    public const int DefaultEndAge = 95;
    public const int MaxEndAge = 120;

    public int BirthYear { get; init; } = 1991;
    public int RetirementAge { get; init; } = 65;
    public int EndAge { get; init; } = DefaultEndAge;
    public double Salary { get; init; }
    public double SalaryGrowth { get; init; } = 0.03;
    public int YearsOfService { get; init; }
    public bool FivePercentOwner { get; init; }
    public bool Disability { get; init; }
    public Spouse? Spouse { get; init; }
}

public sealed record Spouse
{
    public int BirthYear { get; init; }
    public bool SoleBeneficiary { get; init; } = true;
}

public sealed record Account
{
    public double PretaxBalance { get; init; }
    public double RothBalance { get; init; }
    /// <summary>Roth contributions not yet withdrawn; null means "equal to RothBalance" (spec 12).</summary>
    public double? RothBasis { get; init; }
    /// <summary>Null: startYear if a Roth balance exists, else the first year with a Roth deferral (spec 12).</summary>
    public int? RothFirstContributionYear { get; init; }
    /// <summary>The employer-source part of PretaxBalance, subject to vesting.</summary>
    public double EmployerBalance { get; init; }
}

public sealed record Contributions
{
    public double DeferralRate { get; init; } = 0.06;
    public double RothShare { get; init; }
    public double EscalationStep { get; init; }
    public double EscalationCap { get; init; } = 0.10;
    public bool RothAvailable { get; init; } = true;
}

public sealed record MatchTier(double Rate, double UpTo);

public sealed record Employer
{
    public static readonly IReadOnlyList<MatchTier> DefaultMatch = [new(0.5, 0.06)];

    public IReadOnlyList<MatchTier> Match { get; init; } = DefaultMatch;
    public double NonElective { get; init; }
    public VestingSchedule Vesting { get; init; } = new();
    public bool SafeHarborVested { get; init; } = true;
}

public enum VestingType { Immediate, Cliff, Graded }

public sealed record VestingSchedule
{
    public VestingType Type { get; init; } = VestingType.Immediate;
    /// <summary>Cliff: completed years of service after which everything vests.</summary>
    public int Years { get; init; }
    /// <summary>Graded: schedule[i] = vested fraction after i completed years; the last value holds beyond.</summary>
    public IReadOnlyList<double> Schedule { get; init; } = [];
}

public sealed record Fees
{
    public const double DefaultExpenseRatio = 0.0049;
    public double ExpenseRatio { get; init; } = DefaultExpenseRatio;
}

/// <summary>The four asset classes, in the order used by every array and the correlation matrix.</summary>
public enum Asset { Stocks = 0, Bonds = 1, Cash = 2, Reits = 3 }

public readonly record struct AssetWeights(double Stocks, double Bonds, double Cash, double Reits)
{
    public double Sum => Stocks + Bonds + Cash + Reits;
    public double this[Asset a] => a switch
    {
        Asset.Stocks => Stocks,
        Asset.Bonds => Bonds,
        Asset.Cash => Cash,
        _ => Reits,
    };
}

public enum AllocationType { Fixed, AgeInBonds, Table }

public sealed record GlidePoint(int Age, AssetWeights Weights);

public sealed record Allocation
{
    public AllocationType Type { get; init; } = AllocationType.AgeInBonds;
    /// <summary>Fixed weights (type fixed).</summary>
    public AssetWeights Weights { get; init; }
    /// <summary>ageInBonds: bonds % = age + offset, clamped to [0, 100].</summary>
    public double Offset { get; init; }
    /// <summary>ageInBonds: fixed cash share, taken from the stock side.</summary>
    public double Cash { get; init; }
    /// <summary>ageInBonds: fixed REIT share, taken from the stock side.</summary>
    public double Reits { get; init; }
    /// <summary>table: (age, weights) points, linearly interpolated, flat outside the range.</summary>
    public IReadOnlyList<GlidePoint> Points { get; init; } = [];
}

public enum ReturnModelKind { Lognormal, StudentT, Bootstrap, Historical }

public sealed record MeanStdev(double Mean, double Stdev);

public sealed record Returns
{
    public static readonly MeanStdev DefaultStocks = new(0.10, 0.18);
    public static readonly MeanStdev DefaultBonds = new(0.055, 0.07);
    public static readonly MeanStdev DefaultCash = new(0.02, 0.01);
    public static readonly MeanStdev DefaultReits = new(0.09, 0.21);
    public static readonly MeanStdev DefaultInflation = new(0.025, 0.015);

    /// <summary>The example scenario's matrix; order stocks, bonds, cash, reits, inflation.</summary>
    public static readonly IReadOnlyList<IReadOnlyList<double>> DefaultCorrelation =
    [
        [1.00, 0.10, 0.00, 0.60, -0.05],
        [0.10, 1.00, 0.20, 0.20, -0.20],
        [0.00, 0.20, 1.00, 0.00, 0.50],
        [0.60, 0.20, 0.00, 1.00, 0.05],
        [-0.05, -0.20, 0.50, 0.05, 1.00],
    ];

    public ReturnModelKind Model { get; init; } = ReturnModelKind.Lognormal;
    public MeanStdev Stocks { get; init; } = DefaultStocks;
    public MeanStdev Bonds { get; init; } = DefaultBonds;
    public MeanStdev Cash { get; init; } = DefaultCash;
    public MeanStdev Reits { get; init; } = DefaultReits;
    public MeanStdev Inflation { get; init; } = DefaultInflation;
    /// <summary>5 x 5 over stocks, bonds, cash, reits, inflation; applies to the underlying normals.</summary>
    public IReadOnlyList<IReadOnlyList<double>> Correlation { get; init; } = DefaultCorrelation;
    public double DegreesOfFreedom { get; init; } = 5;
    /// <summary>Path of a history CSV, relative to the scenario file; null = the built-in Damodaran 1928-2025.</summary>
    public string? History { get; init; }
    public int BlockLength { get; init; } = 1;
    /// <summary>Indexing rate for limits and brackets after 2026; null = the inflation mean.</summary>
    public double? LimitIndexing { get; init; }
    public IReadOnlyList<Shock> Shocks { get; init; } = [];

    public double EffectiveLimitIndexing => LimitIndexing ?? Inflation.Mean;

    public MeanStdev this[Asset a] => a switch
    {
        Asset.Stocks => Stocks,
        Asset.Bonds => Bonds,
        Asset.Cash => Cash,
        _ => Reits,
    };
}

/// <summary>Pins the simple return of some assets in one year for every path (exactly one of Age,
/// YearsAfterRetirement, Year is set).</summary>
public sealed record Shock
{
    public int? Age { get; init; }
    public int? YearsAfterRetirement { get; init; }
    public int? Year { get; init; }
    public double? Stocks { get; init; }
    public double? Bonds { get; init; }
    public double? Cash { get; init; }
    public double? Reits { get; init; }
}

public enum WithdrawalStrategy { FixedReal, PercentOfBalance, RmdOnly, Guardrails }

public enum WithdrawalOrder { ProRata, TraditionalFirst, RothFirst }

public sealed record Withdrawals
{
    public WithdrawalStrategy Strategy { get; init; } = WithdrawalStrategy.FixedReal;
    public double InitialRate { get; init; } = 0.04;
    /// <summary>fixedReal/guardrails: first-year target in today's dollars; wins over InitialRate.</summary>
    public double? Amount { get; init; }
    /// <summary>percentOfBalance rate.</summary>
    public double Rate { get; init; } = 0.04;
    public double Upper { get; init; } = 0.20;
    public double Lower { get; init; } = 0.20;
    public double Cut { get; init; } = 0.10;
    public double Raise { get; init; } = 0.10;
    public bool AfterTax { get; init; }
    public WithdrawalOrder Order { get; init; } = WithdrawalOrder.ProRata;
    public bool DeferFirstRmd { get; init; }
    public InService? InService { get; init; }
}

/// <summary>In-service distributions while employed: a fixed nominal amount or a rate of the opening balance.</summary>
public sealed record InService
{
    public double FromAge { get; init; } = 59.5;
    public double? Amount { get; init; }
    public double? Rate { get; init; }
}

public sealed record Loan
{
    public int Age { get; init; }
    public double Amount { get; init; }
    public int Years { get; init; } = 5;
    public double Rate { get; init; } = 0.08;
    public bool Residence { get; init; }
    public bool TenThousandFloor { get; init; }
}

public enum TaxMethod { Flat, Brackets }

public enum FilingStatus { Single, Mfj }

public enum PenaltyException { Disability, Sepp }

public sealed record Taxes
{
    public const double DefaultFlatRate = 0.22;

    public TaxMethod Method { get; init; } = TaxMethod.Flat;
    public double Rate { get; init; } = DefaultFlatRate;
    public FilingStatus FilingStatus { get; init; } = FilingStatus.Single;
    /// <summary>Today's dollars; grows with the path's inflation index.</summary>
    public double OtherIncome { get; init; }
    public IReadOnlyList<PenaltyException> Exceptions { get; init; } = [];
}
