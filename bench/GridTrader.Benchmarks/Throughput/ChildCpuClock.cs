using System.Runtime.InteropServices;

namespace GridTrader.Benchmarks.Throughput;

/// <summary>
/// CPU time (user + system) used by this process's finished child processes (Linux/Unix <c>getrusage(RUSAGE_CHILDREN)</c>):
/// the difference around one child is that child's CPU time, all threads included, which a shared machine's load does
/// not inflate the way it inflates wall time.
/// </summary>
internal static partial class ChildCpuClock
{
    private const int RusageChildren = -1;

    /// <summary>Seconds of CPU used by reaped children so far, or NaN where not available.</summary>
    public static double Seconds()
    {
        if (OperatingSystem.IsWindows()) return double.NaN;
        try
        {
            return GetRusage(RusageChildren, out var usage) == 0
                ? usage.UserSeconds + usage.UserMicroseconds / 1e6 + usage.SystemSeconds + usage.SystemMicroseconds / 1e6
                : double.NaN;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return double.NaN;
        }
    }

    [LibraryImport("libc", EntryPoint = "getrusage")]
    private static partial int GetRusage(int who, out RUsage usage);

    [StructLayout(LayoutKind.Sequential)]
    private unsafe struct RUsage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        public fixed long Rest[14];
    }
}
