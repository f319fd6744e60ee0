using Sim.Engine.Returns;

namespace Sim.Engine.Simulation;

/// <summary>
/// The state of every path between years, structure of arrays (element i of each array is path i). Memory is
/// proportional to the number of paths only: nothing is kept per year.
/// </summary>
internal sealed class PathState
{
    public PathState(int paths)
    {
        Paths = paths;
        Pretax = new double[paths];
        Employer = new double[paths];
        Roth = new double[paths];
        RothBasis = new double[paths];
        Loan = new double[paths];
        LoanPayment = new double[paths];
        LoanHighWater = new double[paths];
        LoanPretaxShare = new double[paths];
        LoanEmployerShare = new double[paths];
        LoanCut = new bool[paths];
        Index = new double[paths];
        PrevInflation = new double[paths];
        PrevReturn = new double[paths];
        Target = new double[paths];
        InitialRate = new double[paths];
        DeferredRmd = new double[paths];
        FailureAge = new int[paths];
        TotalTaxes = new double[paths];
    }

    public int Paths { get; }

    /// <summary>Pre-tax balance (employee pre-tax + all employer money), invested.</summary>
    public double[] Pretax { get; }
    /// <summary>The employer-source part of <see cref="Pretax"/> that follows the vesting schedule (until separation).</summary>
    public double[] Employer { get; }
    public double[] Roth { get; }
    /// <summary>Roth contributions not yet withdrawn (the non-taxable part of a non-qualified withdrawal).</summary>
    public double[] RothBasis { get; }
    /// <summary>Loan receivable: outstanding principal, not invested.</summary>
    public double[] Loan { get; }
    public double[] LoanPayment { get; }
    /// <summary>The loan balance before this year's repayment: the highest of the previous 12 months.</summary>
    public double[] LoanHighWater { get; }
    /// <summary>The share of the outstanding loan taken from pre-tax money (the rest came from Roth).</summary>
    public double[] LoanPretaxShare { get; }
    /// <summary>The share of the outstanding loan taken from the vesting-tracked employer part of pre-tax.</summary>
    public double[] LoanEmployerShare { get; }
    /// <summary>A loan request of this path was cut to the 72(p) limit (counted once per path).</summary>
    public bool[] LoanCut { get; }
    /// <summary>Inflation index I(Y) at the start of the year; I(startYear) = 1.</summary>
    public double[] Index { get; }
    public double[] PrevInflation { get; }
    /// <summary>Last year's portfolio return, gross of fee (guardrails).</summary>
    public double[] PrevReturn { get; }
    /// <summary>This year's withdrawal target, nominal (gross unless afterTax).</summary>
    public double[] Target { get; }
    /// <summary>Guardrails: initial withdrawal rate IR.</summary>
    public double[] InitialRate { get; }
    /// <summary>deferFirstRmd: the first year's requirement, paid with the next one.</summary>
    public double[] DeferredRmd { get; }
    /// <summary>Age of the first failure, 0 while the path has not failed.</summary>
    public int[] FailureAge { get; }
    public double[] TotalTaxes { get; }
}

/// <summary>
/// Per-thread scratch for one block of paths within one year (element j is path start + j): small enough to stay
/// in cache, reused block after block.
/// </summary>
internal sealed class BlockScratch
{
    public BlockScratch(int capacity)
    {
        Returns = new ReturnBlock(capacity);
        Gross = new double[capacity];
        Tax = new double[capacity];
        Penalty = new double[capacity];
        Need = new double[capacity];
        Opening = new double[capacity];
        PlanTaxable = new double[capacity];
        Income = new double[capacity];
        IncomeTax = new double[capacity];
    }

    /// <summary>The model's asset returns and inflation for the block.</summary>
    public ReturnBlock Returns { get; }
    /// <summary>This year's gross withdrawal from the invested balance.</summary>
    public double[] Gross { get; }
    /// <summary>This year's income tax (withdrawals and deemed distributions together).</summary>
    public double[] Tax { get; }
    public double[] Penalty { get; }
    /// <summary>The fast distribution phase's gross need per path, for the failure and RMD-binding counts.</summary>
    public double[] Need { get; }
    /// <summary>The fast distribution phase's opening balance per path.</summary>
    public double[] Opening { get; }
    /// <summary>The part of Tax's taxable amount the plan itself paid out this year (the withheld 20% of an indirect
    /// rollover, a deemed loan distribution): penalised by the plan's rule, not the IRA's (docs/model.md section 13).</summary>
    public double[] PlanTaxable { get; }
    /// <summary>Social Security and pensions of the year (nominal), with income streams.</summary>
    public double[] Income { get; }
    /// <summary>The tax the income pays on its own (docs/model.md section 11): the household's, not the account's.</summary>
    public double[] IncomeTax { get; }
}

/// <summary>What a block reports back for the year's figures.</summary>
internal struct StepCounts
{
    public int LoansCut;
    public int Failed;
    public int RmdBinding;
}
