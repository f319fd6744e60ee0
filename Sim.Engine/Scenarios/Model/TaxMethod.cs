namespace Sim.Engine.Scenarios;

/// <summary>How income tax is charged (<c>$.taxes.method</c>).</summary>
public enum TaxMethod
{
    /// <summary>One effective rate on the taxable amount (the default).</summary>
    Flat,

    /// <summary>Federal brackets and standard deduction, 2026 as the base, indexed after.</summary>
    Brackets,
}
