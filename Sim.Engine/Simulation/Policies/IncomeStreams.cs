using Sim.Engine.Scenarios.Parsing;

namespace Sim.Engine.Simulation.Policies;

/// <summary>
/// The one registry of income stream types (spec 13), built like <see cref="WithdrawalPolicies"/>: JSON
/// <c>type</c>, the model record, its fields, its reader and its policy. Empty until the income streams land; adding
/// one = its record, its policy (<see cref="IIncomeStreamPolicy"/>), one line here, tests and docs
/// (docs/developer.md, "Adding an income stream").
/// </summary>
internal static class IncomeStreams
{
    private static readonly IncomeStreamEntry[] Entries =
    [
        // IncomeStreamEntry.Of("socialSecurity", SocialSecurityStream.Fields, SocialSecurityStream.Read, (SocialSecurityStream s) => new SocialSecurityPolicy(s)),
    ];

    /// <summary>Every stream type's JSON name, in registration order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Entries.Select(e => e.Name)];

    public static IncomeStreamEntry ByName(string name) => Entries.First(e => e.Name == name);

    public static IIncomeStreamPolicy Policy(object stream) =>
        (Entries.FirstOrDefault(e => e.Type == stream.GetType())
         ?? throw new InvalidOperationException($"{stream.GetType().Name} is not registered in IncomeStreams"))
        .CreatePolicy(stream);
}

/// <summary>One registered income stream type.</summary>
internal abstract class IncomeStreamEntry
{
    public required string Name { get; init; }
    public required Type Type { get; init; }
    public required IReadOnlyList<string> Fields { get; init; }

    public abstract object Read(JsonObjectReader o);

    public abstract IIncomeStreamPolicy CreatePolicy(object stream);

    public static IncomeStreamEntry Of<TStream>(string name, IReadOnlyList<string> fields,
        Func<JsonObjectReader, TStream> read, Func<TStream, IIncomeStreamPolicy> policy)
        where TStream : class =>
        new Entry<TStream>(read, policy) { Name = name, Type = typeof(TStream), Fields = fields };

    private sealed class Entry<TStream>(Func<JsonObjectReader, TStream> read, Func<TStream, IIncomeStreamPolicy> policy)
        : IncomeStreamEntry
        where TStream : class
    {
        public override object Read(JsonObjectReader o) => read(o);

        public override IIncomeStreamPolicy CreatePolicy(object stream) => policy((TStream)stream);
    }
}
