using Microsoft.Diagnostics.Runtime;

namespace Forum.Bench.Heap;

/// <summary>
/// A process dump's .NET runtime, read with ClrMD. The DAC is not downloaded on Linux: the one beside this process's
/// runtime is taken (the server ran on the same one).
/// </summary>
public sealed class DumpRuntime : IDisposable
{
    private readonly DataTarget _target;
    private readonly ClrRuntime _runtime;

    public DumpRuntime(string dumpPath)
    {
        _target = DataTarget.LoadDump(dumpPath);
        var dac = Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "libmscordaccore.so");
        _runtime = _target.ClrVersions[0].CreateRuntime(dac, ignoreMismatch: true);
    }

    public ClrHeap Heap => _runtime.Heap;

    public void Dispose()
    {
        _runtime.Dispose();
        _target.Dispose();
    }
}
