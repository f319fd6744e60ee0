using System.Text.RegularExpressions;
using Sim.Tests.Scenarios;

namespace Sim.Tests.Architecture;

/// <summary>
/// Lane code computes its transcendentals with the engine's own <c>VMath</c> / <c>ElementaryFunctions</c>, never with
/// <c>Math.Exp</c>, <c>Math.Log</c>, <c>Math.Pow</c> or a library vector transcendental: those come from the platform's
/// C library or the JIT's intrinsic expansion and may differ in the last bit between machines and vector widths, which
/// would break the identical-bits guarantee across AVX-512, AVX2 and scalar (docs/model.md, reproducibility). Lane
/// code is every file in Sim.Engine/Simd and Sim.Engine/Simulation/Kernel, and every engine file written over
/// <c>ILanes&lt;TD, TU&gt;</c>. A source scan (comments stripped), since the compiled IL cannot tell a lane method's
/// scalar helper from the lane method; Sim.Engine/BannedSymbols.txt cannot ban Math.Exp only in some files.
/// </summary>
public class LaneMathFacts
{
    /// <summary>Library transcendentals: System.Math/MathF, the generic-math statics on double, and the vector and
    /// tensor libraries' Exp/Log/Pow.</summary>
    private static readonly Regex LibraryTranscendental = new(
        @"\b(?:Math|MathF|double|Double|Vector|Vector128|Vector256|Vector512|TensorPrimitives)\s*\.\s*" +
        @"(?:Exp|Exp2|Exp10|ExpM1|Log|Log2|Log10|LogP1|Pow)\b",
        RegexOptions.CultureInvariant);

    /// <summary>Line comments, block comments, character and string literals (a mention in prose or a message is
    /// no call; a <c>'"'</c> must not open a string).</summary>
    private static readonly Regex CommentsAndStrings = new(
        @"'(?:[^'\\\n]|\\.)'|//[^\n]*|/\*.*?\*/|@""(?:[^""]|"""")*""|""(?:[^""\\\n]|\\.)*""",
        RegexOptions.Singleline | RegexOptions.CultureInvariant);

    [Fact]
    public void LaneCode_CallsNoLibraryExpOrLog()
    {
        string engine = Path.Combine(ScenarioTestSupport.RepositoryRoot(), "Sim.Engine");
        string[] files = LaneFiles(engine);

        // The scan sees the lane code at all: the lane interface, the vector math and the kernel are among the files.
        Assert.Contains(files, f => f.EndsWith(Path.Combine("Simd", "VMath.cs"), StringComparison.Ordinal));
        Assert.Contains(files, f => f.Contains(Path.Combine("Simulation", "Kernel"), StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith(Path.Combine("Random", "LaneDraws.cs"), StringComparison.Ordinal));

        var found = files
            .SelectMany(f => Calls(File.ReadAllText(f)).Select(c => Path.GetRelativePath(engine, f) + ": " + c))
            .ToList();
        Assert.True(found.Count == 0,
            "Lane code must use VMath/ElementaryFunctions (bit-identical on every width and machine), found: " +
            string.Join("; ", found));
    }

    [Fact]
    public void TheScan_FindsALibraryExpOrLog_AndIgnoresCommentsAndTheEnginesOwnVMath()
    {
        // A scan that cannot fail proves nothing: each banned spelling is found, the allowed ones are not.
        Assert.Equal(["Math.Exp"], Calls("double y = Math.Exp(x);"));
        Assert.Equal(["Math.Log"], Calls("var y = System.Math.Log(x);"));
        Assert.Equal(["Math.Pow"], Calls("double g = Math.Pow(1 + r, t);"));
        Assert.Equal(["Vector512.Exp"], Calls("var e = Vector512.Exp(v);"));
        Assert.Equal(["double.Log2"], Calls("double b = double.Log2(x);"));
        Assert.Equal(["MathF.Log"], Calls("float f = MathF.Log(x);"));

        Assert.Empty(Calls("TD y = VMath.Exp<L, TD, TU>(x); double z = ElementaryFunctions.Log(x);"));
        Assert.Empty(Calls("// Math.Log comes from the C library\n/// <summary>not Math.Exp</summary>\nint a = 1;"));
        Assert.Empty(Calls("/* Math.Exp */ string s = \"Math.Log(x)\";"));
        Assert.Empty(Calls("double m = Math.Max(a, b) + Math.Sqrt(c);"));
    }

    [Fact]
    public void TheScan_WouldFailTheBuild_OnALaneFileThatCallsMathExp()
    {
        // The same scan on a copy of a real lane file with one Math.Exp slipped in finds it.
        string engine = Path.Combine(ScenarioTestSupport.RepositoryRoot(), "Sim.Engine");
        string source = File.ReadAllText(Path.Combine(engine, "Simd", "ElementaryFunctions.cs"));
        Assert.Empty(Calls(source));

        string tampered = source.Replace("VMath.Exp<Lanes1, double, ulong>(x)", "Math.Exp(x)", StringComparison.Ordinal);
        Assert.NotEqual(source, tampered);
        Assert.Equal(["Math.Exp"], Calls(tampered));
    }

    private static string[] LaneFiles(string engine)
    {
        static bool Generated(string f) =>
            f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal) ||
            f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal);

        var byFolder = new[] { Path.Combine(engine, "Simd"), Path.Combine(engine, "Simulation", "Kernel") }
            .SelectMany(d => Directory.GetFiles(d, "*.cs", SearchOption.AllDirectories));
        var byLanes = Directory.GetFiles(engine, "*.cs", SearchOption.AllDirectories)
            .Where(f => !Generated(f) && File.ReadAllText(f).Contains("ILanes<", StringComparison.Ordinal));
        return [.. byFolder.Concat(byLanes).Where(f => !Generated(f)).Distinct().Order(StringComparer.Ordinal)];
    }

    private static string[] Calls(string source)
    {
        string code = CommentsAndStrings.Replace(source, " ");
        return [.. LibraryTranscendental.Matches(code).Select(m => Regex.Replace(m.Value, @"\s+", ""))];
    }
}
