using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Sim.Engine.Simulation;

namespace Sim.Tests.Architecture;

/// <summary>
/// Sim.Engine is pure: its compiled IL references no file, clock, environment, console, process, network or Hangfire
/// API. Read from the assembly's metadata (every type and member it references), so it holds whatever the source
/// looks like; Sim.Engine/BannedSymbols.txt makes the same rule a build error.
/// </summary>
public class EnginePurityFacts
{
    private static readonly string[] BannedTypes =
    [
        "System.IO.File", "System.IO.FileInfo", "System.IO.Directory", "System.IO.DirectoryInfo", "System.IO.FileStream",
        "System.IO.Path", "System.IO.DriveInfo", "System.IO.FileSystemWatcher", "System.Console", "System.Environment",
        "System.TimeProvider", "System.Diagnostics.Stopwatch", "System.Diagnostics.Process", "System.Random",
    ];

    private static readonly string[] BannedNamespaces = ["System.Net", "Hangfire", "Microsoft.AspNetCore", "Npgsql", "Parquet"];

    private static readonly string[] BannedMembers =
    [
        "System.DateTime.get_Now", "System.DateTime.get_UtcNow", "System.DateTime.get_Today",
        "System.DateTimeOffset.get_Now", "System.DateTimeOffset.get_UtcNow",
    ];

    /// <summary>The C# compiler's iterator state machines (<c>yield return</c>) read the managed thread id: not a
    /// machine fact the engine's numbers could depend on.</summary>
    private const string CompilerIteratorMember = "System.Environment.get_CurrentManagedThreadId";

    [Fact]
    public void Engine_ReferencesNoIoClockEnvironmentOrConsoleApi()
    {
        var (types, members) = References(typeof(SimulationEngine).Assembly.Location);
        if (members.Where(x => x.StartsWith("System.Environment.", StringComparison.Ordinal)).All(x => x == CompilerIteratorMember))
        {
            types.Remove("System.Environment");
        }

        Assert.NotEmpty(types);
        Assert.Contains("System.Math", types); // the scan sees the engine's references at all
        string[] bannedTypes = [.. types.Where(t => BannedTypes.Contains(t) || BannedNamespaces.Any(n => t.StartsWith(n + ".", StringComparison.Ordinal)))];
        string[] bannedMembers = [.. members.Where(BannedMembers.Contains)];
        Assert.True(bannedTypes.Length == 0, "Sim.Engine references " + string.Join(", ", bannedTypes) + " via " + string.Join(", ", members.Where(x => bannedTypes.Any(t => x.StartsWith(t + ".", StringComparison.Ordinal)))));
        Assert.True(bannedMembers.Length == 0, "Sim.Engine references " + string.Join(", ", bannedMembers));
    }

    [Fact]
    public void TheScan_FindsABannedReference_InTheWorker()
    {
        // The worker does I/O, so the same scan must flag it (a scan that cannot fail proves nothing).
        var (types, _) = References(typeof(Sim.Worker.Scenarios.ScenarioFile).Assembly.Location);
        Assert.Contains("System.IO.File", types);
    }

    private static (HashSet<string> Types, HashSet<string> Members) References(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var md = pe.GetMetadataReader();
        var types = new HashSet<string>(StringComparer.Ordinal);
        foreach (var h in md.TypeReferences)
        {
            types.Add(Name(md, md.GetTypeReference(h)));
        }

        var members = new HashSet<string>(StringComparer.Ordinal);
        foreach (var h in md.MemberReferences)
        {
            var m = md.GetMemberReference(h);
            if (m.Parent.Kind == HandleKind.TypeReference)
            {
                members.Add(Name(md, md.GetTypeReference((TypeReferenceHandle)m.Parent)) + "." + md.GetString(m.Name));
            }
        }

        return (types, members);
    }

    private static string Name(MetadataReader md, TypeReference t)
    {
        string name = md.GetString(t.Name);
        if (t.ResolutionScope.Kind == HandleKind.TypeReference)
        {
            return Name(md, md.GetTypeReference((TypeReferenceHandle)t.ResolutionScope)) + "+" + name;
        }

        string ns = md.GetString(t.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }
}
