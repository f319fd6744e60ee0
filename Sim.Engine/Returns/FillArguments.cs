namespace Sim.Engine.Returns;

/// <summary>Argument checks shared by the generators' Fill.</summary>
internal static class FillArguments
{
    public static void Check(int yearIndex, int years, long firstPath, int count, long pathCount, ReturnBlock destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if ((uint)yearIndex >= (uint)years)
        {
            throw new ArgumentOutOfRangeException(nameof(yearIndex), yearIndex, $"the year index must be in [0, {years})");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(firstPath);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count > destination.Capacity)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"the block holds only {destination.Capacity} paths");
        }

        if (firstPath + count > pathCount)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"paths [{firstPath}, {firstPath + count}) exceed the model's {pathCount} paths");
        }
    }
}
