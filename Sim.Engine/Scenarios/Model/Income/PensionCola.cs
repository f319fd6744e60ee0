namespace Sim.Engine.Scenarios;

/// <summary>A pension's yearly increase: <c>"inflation"</c>, <c>"none"</c>, or a fixed rate (a number).</summary>
public sealed record PensionCola
{
    /// <summary>Level nominal payments (<c>"none"</c>, the default: most private pensions).</summary>
    public static readonly PensionCola None = new() { Kind = PensionColaKind.None };

    /// <summary>Payments follow the path's inflation index (<c>"inflation"</c>).</summary>
    public static readonly PensionCola Inflation = new() { Kind = PensionColaKind.Inflation };

    /// <summary>A fixed yearly increase (a number in the JSON).</summary>
    public static PensionCola Fixed(double rate) => new() { Kind = PensionColaKind.Fixed, Rate = rate };

    public PensionColaKind Kind { get; init; }

    /// <summary>The yearly increase when <see cref="Kind"/> is Fixed, else 0.</summary>
    public double Rate { get; init; }
}

/// <summary>How a pension grows: not at all, with inflation, or by a fixed rate.</summary>
public enum PensionColaKind { None, Inflation, Fixed }
