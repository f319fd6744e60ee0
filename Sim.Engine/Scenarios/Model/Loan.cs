namespace Sim.Engine.Scenarios;

/// <summary>One plan loan of <c>$.loans</c> (docs/model.md section 9).</summary>
public sealed record Loan
{
    /// <summary>The participant's age in the year the loan is taken (January 1).</summary>
    public int Age { get; init; }
    /// <summary>Requested amount in dollars; cut to the IRC 72(p)(2)(A) limit when above it (reported).</summary>
    public double Amount { get; init; }
    /// <summary>Repayment term in years, level annual payments; at most 5 unless <see cref="Residence"/>; default 5.</summary>
    public int Years { get; init; } = 5;
    /// <summary>Annual interest rate as a fraction; default 0.08.</summary>
    public double Rate { get; init; } = 0.08;
    /// <summary>A loan to buy the principal residence, allowed a term over 5 years (IRC 72(p)(2)(B)(ii)); default false.</summary>
    public bool Residence { get; init; }
    /// <summary>Whether the plan offers the $10,000 floor of the limit (plans need not); default false.</summary>
    public bool TenThousandFloor { get; init; }
}
