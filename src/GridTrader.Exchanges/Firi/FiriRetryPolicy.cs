using GridTrader.Exchanges.Abstractions;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace GridTrader.Exchanges.Firi;

/// <summary>
/// Retry of reads and cancels (idempotent) on transient failures: exponential backoff with jitter,
/// capped per delay, bounded by a count and a total time, honouring the server's Retry-After.
/// Order creation never goes through this pipeline. Delays run on the injected
/// <see cref="TimeProvider"/>.
/// </summary>
internal static class FiriRetryPolicy
{
    public static readonly ResiliencePropertyKey<FiriCall> CallKey = new("firi.call");
    public static readonly ResiliencePropertyKey<long> StartedKey = new("firi.started");
    private static readonly ResiliencePropertyKey<TimeSpan> NextDelayKey = new("firi.next-delay");

    /// <summary>
    /// Backoff before retry number <paramref name="retryIndex"/> (0 = first retry): base × 2^index,
    /// spread by ±<paramref name="jitter"/> using <paramref name="random01"/> ∈ [0, 1), capped at <paramref name="maxDelay"/>.
    /// </summary>
    public static TimeSpan BackoffDelay(int retryIndex, TimeSpan baseDelay, TimeSpan maxDelay, double jitter, double random01)
    {
        var exponential = baseDelay.TotalMilliseconds * Math.Pow(2, Math.Clamp(retryIndex, 0, 30));
        var jittered = exponential * (1 + (jitter * ((2 * random01) - 1)));
        return TimeSpan.FromMilliseconds(Math.Clamp(jittered, 0, maxDelay.TotalMilliseconds));
    }

    /// <summary>The wait before the next retry: the server's Retry-After when it sent one, else the backoff.</summary>
    public static TimeSpan NextDelay(ExchangeError error, int retryIndex, FiriClientOptions options, double random01) =>
        error.RetryAfter is { } retryAfter
            ? (retryAfter < TimeSpan.Zero ? TimeSpan.Zero : retryAfter)
            : BackoffDelay(retryIndex, options.RetryBaseDelay, options.RetryMaxDelay, options.RetryJitter, random01);

    /// <summary>True when a retry after <paramref name="delay"/> still starts within the total-time budget.</summary>
    public static bool WithinBudget(TimeSpan elapsed, TimeSpan delay, FiriClientOptions options) =>
        elapsed + delay <= options.RetryMaxTotalTime;

    public static ResiliencePipeline<ExchangeResult<FiriResponse>> Build(FiriClientOptions options, TimeProvider time, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder<ExchangeResult<FiriResponse>> { TimeProvider = time };
        if (options.MaxRetries == 0) return builder.Build();

        return builder.AddRetry(new RetryStrategyOptions<ExchangeResult<FiriResponse>>
        {
            MaxRetryAttempts = options.MaxRetries,
            ShouldHandle = args =>
            {
                if (args.AttemptNumber >= options.MaxRetries) return new ValueTask<bool>(false);
                if (args.Outcome.Result is not { Error: { IsTransient: true } error }) return new ValueTask<bool>(false);
                var elapsed = time.GetElapsedTime(args.Context.Properties.GetValue(StartedKey, time.GetTimestamp()));
                var delay = NextDelay(error, args.AttemptNumber, options, Random.Shared.NextDouble());
                if (!WithinBudget(elapsed, delay, options))
                {
                    var call = args.Context.Properties.GetValue(CallKey, null!);
                    FiriLog.RetryBudgetExhausted(logger, call.Method.Method, call.Path, error.Kind, (long)delay.TotalMilliseconds);
                    return new ValueTask<bool>(false);
                }

                args.Context.Properties.Set(NextDelayKey, delay);
                return new ValueTask<bool>(true);
            },
            DelayGenerator = args => new ValueTask<TimeSpan?>(args.Context.Properties.GetValue(NextDelayKey, TimeSpan.Zero)),
            OnRetry = args =>
            {
                var call = args.Context.Properties.GetValue(CallKey, null!);
                FiriLog.Retry(logger, call.Method.Method, call.Path, args.AttemptNumber + 1,
                    (long)args.RetryDelay.TotalMilliseconds, args.Outcome.Result.Error?.Kind ?? ExchangeErrorKind.InvalidResponse);
                return default;
            },
        }).Build();
    }
}
