using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace Sim.Bench;

/// <summary>
/// <c>dry</c>: invokes every benchmark of every suite once, in process, for every value of its [Params], with its
/// setup and cleanup, and checks it returns without error. Proves in CI (in seconds) that the suites still run;
/// measuring is BenchmarkDotNet's job.
/// </summary>
public static class DryRun
{
    public static int Run()
    {
        int count = 0, failed = 0;
        var suites = typeof(DryRun).Assembly.GetTypes()
            .Where(t => t.GetMethods().Any(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null))
            .OrderBy(t => t.Name, StringComparer.Ordinal);
        foreach (var type in suites)
        {
            foreach (var assignment in ParamCombinations(type))
            {
                object suite = Activator.CreateInstance(type)!;
                foreach (var (property, value) in assignment)
                {
                    property.SetValue(suite, value);
                }

                string label = $"{type.Name}({string.Join(", ", assignment.Select(a => $"{a.Property.Name}={a.Value}"))})";
                try
                {
                    Invoke<GlobalSetupAttribute>(suite);
                    foreach (var method in type.GetMethods().Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null))
                    {
                        if (method.Invoke(suite, null) is Task task)
                        {
                            task.GetAwaiter().GetResult();
                        }

                        count++;
                        Console.WriteLine($"ok   {label}.{method.Name}");
                    }

                    Invoke<GlobalCleanupAttribute>(suite);
                }
                catch (Exception e)
                {
                    failed++;
                    Console.WriteLine($"FAIL {label}: {e.InnerException?.Message ?? e.Message}");
                }
            }
        }

        Console.WriteLine($"dry run: {count} benchmarks ran, {failed} suites failed");
        return failed == 0 && count > 0 ? 0 : 1;
    }

    private static void Invoke<TAttribute>(object suite) where TAttribute : Attribute
    {
        foreach (var m in suite.GetType().GetMethods().Where(m => m.GetCustomAttribute<TAttribute>() is not null))
        {
            m.Invoke(suite, null);
        }
    }

    private static IEnumerable<List<(PropertyInfo Property, object? Value)>> ParamCombinations(Type type)
    {
        IEnumerable<List<(PropertyInfo, object?)>> combos = [[]];
        foreach (var p in type.GetProperties())
        {
            if (p.GetCustomAttribute<ParamsAttribute>() is not { } attribute)
            {
                continue;
            }

            var values = attribute.Values;
            combos = combos.SelectMany(c => values.Select(v => new List<(PropertyInfo, object?)>(c) { (p, v) })).ToList();
        }

        return combos;
    }
}
