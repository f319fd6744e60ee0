namespace Sim.Engine.Simulation.Policies;

/// <summary>
/// The one registry of separation actions (spec 15), by JSON name. <c>stay</c> is the default; <c>rollover</c> is
/// registered with its action (docs/developer.md, "Adding a separation action"). The kernel calls the scenario's action in
/// the separation year, per path, at the start of phase B.
/// </summary>
internal static class SeparationActions
{
    private static readonly (string Name, Func<ISeparationAction> Create)[] Entries =
    [
        ("stay", () => new StayInPlan()),
        ("rollover", () => new RolloverAction()),
    ];

    public static IReadOnlyList<string> Names { get; } = [.. Entries.Select(e => e.Name)];

    public static ISeparationAction Create(string name) => Entries.First(e => e.Name == name).Create();
}
