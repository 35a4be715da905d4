using Tvbo;
using Tvbo.Cli;
using Tvbo.Cli.Commands;

return Cli.Run(args, Console.Out, Console.Error);
