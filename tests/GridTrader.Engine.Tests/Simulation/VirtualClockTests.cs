using GridTrader.Engine.Simulation;

namespace GridTrader.Engine.Tests.Simulation;

public sealed class VirtualClockTests
{
    private static readonly DateTimeOffset Start = new(2024, 5, 1, 14, 0, 0, TimeSpan.FromHours(2));

    [Fact]
    public void GetUtcNow_New_IsTheStartInstantInUtc()
    {
        var now = new VirtualClock(Start).GetUtcNow();

        Assert.Equal(Start, now);
        Assert.Equal(TimeSpan.Zero, now.Offset);
    }

    [Fact]
    public void Set_LaterTime_MovesTheClockThere()
    {
        var clock = new VirtualClock(Start);

        clock.Set(Start.AddMinutes(5));

        Assert.Equal(Start.AddMinutes(5), clock.GetUtcNow());
    }

    [Fact]
    public void Set_EarlierOrSameTime_IsIgnored()
    {
        var clock = new VirtualClock(Start);
        clock.Set(Start.AddMinutes(5));

        clock.Set(Start.AddMinutes(1));
        Assert.Equal(Start.AddMinutes(5), clock.GetUtcNow());

        clock.Set(Start.AddMinutes(5));
        Assert.Equal(Start.AddMinutes(5), clock.GetUtcNow());
    }

    [Fact]
    public async Task GetUtcNow_ReadWhileTheDriverWrites_NeverGoesBackAndNeverTears()
    {
        const int steps = 200_000;
        var clock = new VirtualClock(Start);
        var end = Start.AddTicks(steps);

        var writer = Task.Run(() =>
        {
            for (var i = 1; i <= steps; i++) clock.Set(Start.AddTicks(i));
        });

        async Task<string?> ReaderAsync()
        {
            await Task.Yield();
            var last = clock.GetUtcNow();
            while (!writer.IsCompleted || last < end)
            {
                var now = clock.GetUtcNow();
                if (now < last) return $"went back from {last:O} to {now:O}";
                if (now < Start || now > end) return $"read {now:O}, never written";
                last = now;
            }

            return null;
        }

        var problems = await Task.WhenAll(Task.Run(ReaderAsync), Task.Run(ReaderAsync));
        await writer;

        Assert.All(problems, Assert.Null);
        Assert.Equal(end, clock.GetUtcNow());
    }
}
