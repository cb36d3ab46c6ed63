using GridTrader.FiriMock.Faults;

namespace GridTrader.Exchanges.Tests.FiriMock;

public class FaultSpecTests
{
    [Fact]
    public void Parse_FullExample_EveryKindAndSetting()
    {
        var spec = FaultSpec.Parse("latency=50-200ms;5xx=0.05;429=0.02;html=0.02;drop=0.01;lost-create=0.1;skew=+30s");

        Assert.Equal(
            [FaultKind.Latency, FaultKind.ServerError, FaultKind.RateLimited, FaultKind.Html, FaultKind.Drop, FaultKind.LostCreate],
            spec.Rules.Select(r => r.Kind));
        Assert.Equal((TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(200)), (spec.Rules[0].MinDelay, spec.Rules[0].MaxDelay));
        Assert.Equal(0.05, spec.Rules[1].Rate);
        Assert.Equal(TimeSpan.FromSeconds(30), spec.Skew);
        Assert.Equal(TimeSpan.FromSeconds(1), spec.RetryAfter);
        Assert.Null(spec.LostCreateDelay);
    }

    [Theory]
    [InlineData("latency=1s", "latency=1s")]
    [InlineData("latency=0.5-2s", "latency=500ms-2s")]
    [InlineData("5xx:get=10%", "5xx:GET=0.1")]
    [InlineData("drop:POST/v2/orders=3x", "drop:POST/v2/orders=3x")]
    [InlineData("5xx:POST=/v2/orders=0.2", "5xx:POST/v2/orders=0.2")]
    [InlineData("429:/v2/orders*=1x;retry-after=3", "429:/v2/orders*=1x;retry-after=3s")]
    [InlineData("lost-create=1;lost-create-delay=30s", "lost-create=1;lost-create-delay=30s")]
    [InlineData("skew=-1500ms", "skew=-1500ms")]
    [InlineData("", "none")]
    [InlineData("none", "none")]
    public void ToString_Parsed_CanonicalFormThatParsesBack(string text, string canonical)
    {
        var spec = FaultSpec.Parse(text);

        Assert.Equal(canonical, spec.ToString());
        Assert.Equal(canonical, FaultSpec.Parse(spec.ToString()).ToString());
    }

    [Theory]
    [InlineData("5xx")]
    [InlineData("5xx=1.5")]
    [InlineData("5xx=often")]
    [InlineData("teleport=0.1")]
    [InlineData("latency=fast")]
    [InlineData("latency=200-50ms")]
    [InlineData("skew:GET=1s")]
    [InlineData("lost-create:GET=1")]
    [InlineData("retry-after=1.5s")]
    [InlineData("5xx:G3T=0.1")]
    public void Parse_Malformed_FormatExceptionNamingTheEntry(string text)
    {
        var ex = Assert.Throws<FormatException>(() => FaultSpec.Parse(text));

        Assert.Contains(text.Split(';')[0], ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("5xx:GET=1", "GET", "/v2/balances", true)]
    [InlineData("5xx:GET=1", "POST", "/v2/orders", false)]
    [InlineData("5xx:/v2/orders=1", "DELETE", "/v2/orders/", true)]
    [InlineData("5xx:/v2/orders=1", "GET", "/v2/orders/BTCNOK", false)]
    [InlineData("5xx:/v2/orders*=1", "GET", "/v2/orders/BTCNOK", true)]
    [InlineData("5xx:POST/v2/ORDERS=1", "post", "/v2/orders", true)]
    public void Rule_Selector_MatchesMethodAndPath(string text, string method, string path, bool expected)
    {
        Assert.Equal(expected, FaultSpec.Parse(text).Rules.Single().Matches(method, path));
    }

    [Fact]
    public void Decide_SameSeed_SameDecisionsInTheSameOrder()
    {
        var spec = FaultSpec.Parse("latency=0-100ms;5xx=0.2;drop=0.1;429=0.1;lost-create=0.3");

        static List<FaultDecision> Run(FaultSpec spec, int seed)
        {
            var injector = new FaultInjector(spec, seed);
            return Enumerable.Range(0, 200).Select(i => injector.Decide(i % 3 == 0 ? "POST" : "GET", "/v2/orders")).ToList();
        }

        var first = Run(spec, 99);

        Assert.Equal(first, Run(spec, 99));
        Assert.NotEqual(first, Run(spec, 100));
        Assert.InRange(first.Count(d => d.Failure == FaultKind.ServerError), 20, 60);
        Assert.Contains(first, d => d.LoseCreate);
        Assert.DoesNotContain(first.Where((_, i) => i % 3 != 0), d => d.LoseCreate);
    }

    [Fact]
    public void Decide_AnotherRuleAdded_DoesNotShiftOutcomesOfTheFirst()
    {
        var alone = new FaultInjector(FaultSpec.Parse("5xx=0.3"), 5);
        var withLatency = new FaultInjector(FaultSpec.Parse("latency=1-9ms;5xx=0.3"), 5);

        var a = Enumerable.Range(0, 100).Select(_ => alone.Decide("GET", "/time").Failure).ToList();
        var b = Enumerable.Range(0, 100).Select(_ => withLatency.Decide("GET", "/time").Failure).ToList();

        Assert.Equal(a, b);
    }

    [Fact]
    public void Decide_CountedRule_HitsExactlyTheNextMatchingRequests()
    {
        var injector = new FaultInjector(FaultSpec.Parse("5xx:POST=2x"), 1);

        var decisions = new[] { "GET", "POST", "GET", "POST", "POST", "POST" }.Select(m => injector.Decide(m, "/v2/orders").Failure).ToList();

        Assert.Equal([null, FaultKind.ServerError, null, FaultKind.ServerError, null, null], decisions);
    }

    [Fact]
    public void Decide_LaterRuleOfAKind_OverridesEarlierForItsRequests()
    {
        var injector = new FaultInjector(FaultSpec.Parse("5xx=1;5xx:GET/time=0"), 1);

        Assert.Null(injector.Decide("GET", "/time").Failure);
        Assert.Equal(FaultKind.ServerError, injector.Decide("GET", "/v2/markets").Failure);
    }
}
