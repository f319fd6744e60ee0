namespace Sim.Engine.Scenarios;

/// <summary>The allocation rule of <c>$.allocation.type</c>.</summary>
public enum AllocationType
{
    /// <summary>The same weights every year (<c>fixed</c>).</summary>
    Fixed,

    /// <summary>Bonds % = age + offset, clamped to [0, 100], the rest stocks (<c>ageInBonds</c>, the default).</summary>
    AgeInBonds,

    /// <summary>Weights interpolated between (age, weights) points (<c>table</c>, target-date style).</summary>
    Table,
}
