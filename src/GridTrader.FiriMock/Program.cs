using GridTrader.FiriMock.Cli;

return await MockCommandLine.Create(Console.Out).Parse(args).InvokeAsync();
