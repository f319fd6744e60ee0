namespace Sim.Engine.Random;

/// <summary>The Philox key of a seed: the seed's low and high 32 bits (see <see cref="CounterLayout"/>).</summary>
public readonly record struct PhiloxKey(uint Key0, uint Key1)
{
    /// <summary>The key for <paramref name="seed"/>.</summary>
    public static PhiloxKey FromSeed(ulong seed) => new((uint)seed, (uint)(seed >> 32));
}
