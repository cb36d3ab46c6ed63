using System.Net.Http.Json;
using GridTrader.Core.Markets;
using GridTrader.Core.Orders;
using GridTrader.Exchanges.Abstractions;
using GridTrader.FiriMock.Api;
using GridTrader.FiriMock.Faults;

namespace GridTrader.Exchanges.Tests.FiriMock;

/// <summary>
/// Injected faults against the real client: reads are retried within their budget (attempts counted by the
/// mock), order creation is never repeated and never duplicated, and a seed fixes every outcome.
/// </summary>
public class FiriMockFaultTests
{
    [Theory]
    [InlineData("5xx:GET/v2/balances=2x")]
    [InlineData("html:GET/v2/balances=2x")]
    [InlineData("429:GET/v2/balances=2x;retry-after=0")]
    [InlineData("drop:GET/v2/balances=2x")]
    public async Task Read_TwoTransientFaults_RetriedAndSucceedsOnTheThirdAttempt(string spec)
    {
        await using var h = await MockHarness.StartAsync();
        await h.SetFaultsAsync(spec);

        var balances = await h.Client.GetBalancesAsync();

        Assert.True(balances.IsSuccess, balances.ToString());
        Assert.True(await h.AttemptsAsync("GET /v2/balances") >= 3);
        Assert.Equal(2, (await h.StateAsync()).Faults.Injected.Values.Sum());
    }

    [Fact]
    public async Task Read_FaultsBeyondRetryBudget_FailsAfterMaxRetriesAttempts()
    {
        await using var h = await MockHarness.StartAsync(client: o => o.MaxRetries = 2);
        await h.SetFaultsAsync("5xx:GET=1");

        var result = await h.Client.GetOpenOrdersAsync(null);

        Assert.Equal(ExchangeErrorKind.ServerError, result.Error?.Kind);
        Assert.Equal(3, await h.AttemptsAsync("GET /v2/orders"));
    }

    [Fact]
    public async Task Reads_SeededMixOfFaults_AllSucceedWithinBudget()
    {
        await using var h = await MockHarness.StartAsync(client: o => o.MaxRetries = 6);
        await h.SetFaultsAsync("5xx:GET=0.2;429:GET=0.1;html:GET=0.05;retry-after=0", seed: 11);

        var results = new List<bool>();
        for (var i = 0; i < 25; i++) results.Add((await h.Client.GetOpenOrdersAsync("BTCNOK")).IsSuccess);
        var state = await h.StateAsync();

        Assert.All(results, Assert.True);
        var faults = state.Faults.Injected.Values.Sum();
        Assert.True(faults > 0, "the seed should inject some faults");
        Assert.Equal(25 + faults, state.RequestsByRoute["GET /v2/orders/{market}"]);
    }

    [Fact]
    public async Task Creates_LostCreateAlways_EachOutcomeUnknownAndEachOrderExistsOnce()
    {
        await using var h = await MockHarness.StartAsync();
        await h.SetFaultsAsync("lost-create=1");

        var outcomes = new List<ExchangeErrorKind?>();
        for (var i = 0; i < 5; i++)
            outcomes.Add((await h.Client.PlaceOrderAsync(new OrderRequest("BTCNOK", Side.Buy, 900_000m + (i * 1_000m), 0.001m))).Error?.Kind);
        var state = await h.StateAsync();

        Assert.All(outcomes, kind => Assert.Equal(ExchangeErrorKind.OutcomeUnknown, kind));
        Assert.Equal(5, state.RequestsByRoute["POST /v2/orders"]);
        Assert.Equal(5, state.OrdersCreated);
        Assert.All(state.CreatedOrders, c => Assert.Equal(1, c.Count));
        Assert.Equal(5, state.OpenOrders.Count);
        Assert.Equal(5, state.Faults.Injected["lost-create"]);
    }

    [Fact]
    public async Task PrivateReads_UnauthorizedBurst_RefusedAsUnauthorizedThenAnsweredAgain()
    {
        await using var h = await MockHarness.StartAsync();
        await h.SetFaultsAsync("401:GET/v2/balances=2x");

        var first = await h.Client.GetBalancesAsync();
        var second = await h.Client.GetBalancesAsync();
        var third = await h.Client.GetBalancesAsync();

        Assert.Equal(ExchangeErrorKind.Unauthorized, first.Error?.Kind);
        Assert.True(first.Error!.IsAuthFailure);
        Assert.Equal(401, first.Error.HttpStatus);
        Assert.Equal(ExchangeErrorKind.Unauthorized, second.Error?.Kind);
        Assert.True(third.IsSuccess);
        Assert.Equal(2, (await h.StateAsync()).Faults.Injected["401"]);
    }

    [Fact]
    public async Task Creates_SeededMixOfFaults_NeverSentTwiceNeverDuplicated()
    {
        await using var h = await MockHarness.StartAsync();
        await h.Client.GetMarketsAsync();
        await h.SetFaultsAsync("5xx:POST=0.15;drop:POST=0.15;html:POST=0.1;429:POST=0.1;lost-create=0.25", seed: 5);

        var placed = new List<long>();
        var unknown = 0;
        for (var i = 0; i < 30; i++)
        {
            var result = await h.Client.PlaceOrderAsync(new OrderRequest("BTCNOK", Side.Buy, 800_000m + (i * 1_000m), 0.001m));
            if (result.IsSuccess) placed.Add(result.Value);
            else if (result.Error.Kind == ExchangeErrorKind.OutcomeUnknown) unknown++;
            else Assert.Equal(ExchangeErrorKind.RateLimited, result.Error.Kind);
        }

        var state = await h.StateAsync();
        Assert.Equal(30, state.RequestsByRoute["POST /v2/orders"]);
        Assert.All(state.CreatedOrders, c => Assert.Equal(1, c.Count));
        Assert.Equal(placed.Count + state.Faults.Injected.GetValueOrDefault("lost-create"), state.OrdersCreated);
        Assert.Subset(state.OpenOrders.Select(o => o.Id).ToHashSet(), placed.ToHashSet());
        Assert.True(unknown > 0 && placed.Count > 0, $"placed {placed.Count}, unknown {unknown}");
    }

    [Fact]
    public async Task SameSeedSameRequests_TwoMocks_InjectTheSameFaults()
    {
        async Task<(List<bool> Outcomes, IReadOnlyDictionary<string, long> Injected)> RunAsync()
        {
            await using var h = await MockHarness.StartAsync(m =>
            {
                m.Faults = FaultSpec.Parse("5xx=0.3;429=0.2;retry-after=0");
                m.Seed = 1234;
            }, o => o.MaxRetries = 0);
            var outcomes = new List<bool>();
            for (var i = 0; i < 20; i++) outcomes.Add((await h.Client.GetMarketsAsync()).IsSuccess);
            return (outcomes, (await h.StateAsync()).Faults.Injected);
        }

        var first = await RunAsync();
        var second = await RunAsync();

        Assert.Equal(first.Outcomes, second.Outcomes);
        Assert.Equal(first.Injected, second.Injected);
        Assert.Contains(false, first.Outcomes);
        Assert.Contains(true, first.Outcomes);
    }

    [Fact]
    public async Task AdminFaults_PlainTextSpec_AppliedAndReportedCanonically()
    {
        await using var h = await MockHarness.StartAsync();

        using var set = await h.Http.PostAsync("admin/faults", new StringContent("latency=10-20ms; 5xx:GET=5%; skew=-2s"));
        var current = await h.Http.GetFromJsonAsync("admin/faults", MockJsonContext.Default.FaultsDto);

        Assert.True(set.IsSuccessStatusCode);
        Assert.Equal("latency=10ms-20ms;5xx:GET=0.05;skew=-2s", current!.Spec);
        Assert.Equal(7, current.Seed);
    }

    [Fact]
    public async Task AdminFaults_BadSpec_400AndFaultsUnchanged()
    {
        await using var h = await MockHarness.StartAsync();
        await h.SetFaultsAsync("drop=0.5");

        using var set = await h.Http.PostAsync("admin/faults", new StringContent("teleport=0.5"));
        var current = await h.Http.GetFromJsonAsync("admin/faults", MockJsonContext.Default.FaultsDto);

        Assert.Equal(400, (int)set.StatusCode);
        Assert.Contains("teleport", await set.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("drop=0.5", current!.Spec);
    }

    [Fact]
    public async Task AdminRoutes_EverythingFaulted_NeverFaultedNorCounted()
    {
        await using var h = await MockHarness.StartAsync();
        await h.SetFaultsAsync("drop=1");

        var state = await h.StateAsync();

        Assert.Equal(0, state.Requests);
    }
}
