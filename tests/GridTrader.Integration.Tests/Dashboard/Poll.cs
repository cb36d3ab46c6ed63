using System.Diagnostics;

namespace GridTrader.Integration.Tests.Dashboard;

/// <summary>
/// Waits for a condition on a real running bot. End-to-end tests cannot drive the bot's clock (it replays on real
/// time), so they ask again until the condition holds or the deadline passes.
/// </summary>
internal static class Poll
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string failure)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout) Assert.Fail($"After {timeout.TotalSeconds:0} s: {failure}.");
            await Task.Delay(Interval, TimeProvider.System);
        }
    }
}
