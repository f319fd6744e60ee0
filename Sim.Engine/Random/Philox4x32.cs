namespace Sim.Engine.Random;

/// <summary>Four 32-bit words: a Philox counter or output block.</summary>
public readonly record struct Philox4x32Block(uint W0, uint W1, uint W2, uint W3);

/// <summary>
/// Philox4x32-10, the counter-based generator of Salmon, Moraes, Dror and Shaw, "Parallel Random Numbers: As Easy
/// as 1, 2, 3" (SC11, 2011), as in D. E. Shaw Research's Random123 library: a keyed bijection of a 128-bit counter,
/// ten rounds of two 32×32→64-bit multiplies and XORs (a Feistel-like network), with a Weyl-sequence key schedule.
/// This scalar version is the reference; <see cref="PhiloxLanes"/> computes the same function over vector lanes.
/// </summary>
public static class Philox4x32
{
    /// <summary>Round multipliers (Random123 PHILOX_M4x32_0 / _1).</summary>
    public const uint M0 = 0xD2511F53;

    /// <summary>Second round multiplier (Random123 PHILOX_M4x32_1).</summary>
    public const uint M1 = 0xCD9E8D57;

    /// <summary>Key increments per round (Random123 PHILOX_W32_0 / _1: golden ratio and sqrt(3) − 1).</summary>
    public const uint W0 = 0x9E3779B9;

    /// <summary>Second key increment (Random123 PHILOX_W32_1).</summary>
    public const uint W1 = 0xBB67AE85;

    /// <summary>Number of rounds.</summary>
    public const int Rounds = 10;

    /// <summary>Philox4x32-10 of <paramref name="counter"/> under key (<paramref name="key0"/>, <paramref name="key1"/>).</summary>
    public static Philox4x32Block Compute(Philox4x32Block counter, uint key0, uint key1)
    {
        uint c0 = counter.W0, c1 = counter.W1, c2 = counter.W2, c3 = counter.W3;
        for (int round = 0; round < Rounds; round++)
        {
            if (round > 0)
            {
                key0 += W0;
                key1 += W1;
            }

            ulong p0 = (ulong)M0 * c0;
            ulong p1 = (ulong)M1 * c2;
            uint n0 = (uint)(p1 >> 32) ^ c1 ^ key0;
            uint n1 = (uint)p1;
            uint n2 = (uint)(p0 >> 32) ^ c3 ^ key1;
            uint n3 = (uint)p0;
            c0 = n0;
            c1 = n1;
            c2 = n2;
            c3 = n3;
        }

        return new Philox4x32Block(c0, c1, c2, c3);
    }
}
