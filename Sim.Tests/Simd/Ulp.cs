namespace Sim.Tests.Simd;

/// <summary>Distance in units in the last place, over the ordered integer line of doubles.</summary>
internal static class Ulp
{
    private static long Ordered(double x)
    {
        long bits = BitConverter.DoubleToInt64Bits(x);
        return bits < 0 ? long.MinValue - bits : bits;
    }

    public static long Distance(double a, double b)
    {
        if (a == b)
        {
            return 0;
        }

        long d = Ordered(a) - Ordered(b);
        return d < 0 ? -d : d;
    }
}

/// <summary>Lengths the width-identity tests sweep: every length 0..256 and some odd large ones.</summary>
internal static class Lengths
{
    public static IEnumerable<int> All()
    {
        for (int n = 0; n <= 256; n++)
        {
            yield return n;
        }

        yield return 1000;
        yield return 1023;
        yield return 4097;
    }
}
