using Parquet;
using Parquet.Schema;
using Sim.Engine.Simulation;

namespace Sim.Worker.Output;

/// <summary>
/// paths.parquet for <c>--paths-out</c>: every path's value of every metric in every year (columns path, year,
/// age and one double per metric), one row group per year as the engine produces it, so memory stays ∝ paths.
/// Written to a temporary name and renamed by <see cref="Complete"/>; <see cref="DisposeAsync"/> without Complete
/// deletes the temporary file.
/// </summary>
public sealed class PathsParquetWriter : IYearObserver, IAsyncDisposable
{
    private readonly string _path;
    private readonly string _temporary;
    private readonly FileStream _stream;
    private readonly ParquetWriter _writer;
    private readonly DataField[] _fields;
    private readonly string _runId;
    private bool _completed;

    private PathsParquetWriter(string path, string temporary, FileStream stream, ParquetWriter writer, DataField[] fields, string runId)
    {
        _path = path;
        _temporary = temporary;
        _stream = stream;
        _writer = writer;
        _fields = fields;
        _runId = runId;
    }

    /// <summary>Opens a temporary file beside <paramref name="path"/> for the per-path rows (run_id, path, year, age, every metric); <see cref="Complete"/> renames it into place.</summary>
    public static async Task<PathsParquetWriter> CreateAsync(string path, string runId,
        IReadOnlyDictionary<string, string> metadata, CancellationToken ct)
    {
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temporary = Path.Combine(Path.GetDirectoryName(full)!,
            $".{Path.GetFileName(full)}{AtomicFile.TemporaryMarker}{Guid.NewGuid():N}");
        var fields = ResultParquet.Fields(
            [
                "run_id:string", "path:int", "year:int", "age:int",
                .. Metrics.All.Select(m => m + ":double"),
            ]);
        var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        var writer = await ResultParquet.Create(fields, stream, metadata, ct);
        return new PathsParquetWriter(full, temporary, stream, writer, fields, runId);
    }

    /// <inheritdoc/>
    public void OnYear(YearPlan year, YearMetrics metrics, int paths)
    {
        WriteYearAsync(year, metrics, paths).GetAwaiter().GetResult();
    }

    private async Task WriteYearAsync(YearPlan year, YearMetrics metrics, int paths)
    {
        using var g = _writer.CreateRowGroup();
        await g.WriteAsync(_fields[0], Enumerable.Repeat(_runId, paths).ToArray());
        await g.WriteAsync<int>(_fields[1], Enumerable.Range(0, paths).ToArray());
        await g.WriteAsync<int>(_fields[2], Enumerable.Repeat(year.Year, paths).ToArray());
        await g.WriteAsync<int>(_fields[3], Enumerable.Repeat(year.Age, paths).ToArray());
        for (int k = 0; k < Metrics.Count; k++)
        {
            await g.WriteAsync<double>(_fields[4 + k], metrics[k].AsMemory(0, paths));
        }
    }

    /// <summary>Finishes the Parquet footer, flushes to disk and renames the temporary file to the final path.</summary>
    public async Task Complete()
    {
        await _writer.DisposeAsync();
        await _stream.FlushAsync();
        _stream.Flush(flushToDisk: true);
        await _stream.DisposeAsync();
        File.Move(_temporary, _path, overwrite: true);
        _completed = true;
    }

    /// <summary>Closes the file; deletes the temporary file when <see cref="Complete"/> was not reached (a failed or cancelled run leaves no partial file).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_completed)
        {
            return;
        }

        await _writer.DisposeAsync();
        await _stream.DisposeAsync();
        File.Delete(_temporary);
    }
}
