using BenchmarkDotNet.Running;
using GridTrader.Benchmarks.Throughput;

// `throughput …` replays real candle files through the full engine; anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "throughput") return await ThroughputRunner.RunAsync(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(ThroughputRunner).Assembly).Run(args);
return 0;
