using GridTrader.Cli;

return await GridTraderCli.RunAsync(args);
