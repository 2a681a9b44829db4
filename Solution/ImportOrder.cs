using System.IO;
using System.Linq;
using System.Text;

namespace Identification.Solution;

/// <summary>
/// import-order.txt, written beside the zips: which zips to import, in which order, and the tables each needs. It is how
/// deploy/deploy.sh learns the split without a second copy of it: one line per zip, tab-separated, the core first.
/// </summary>
internal static class ImportOrder
{
    public const string FileName = "import-order.txt";

    public const string Core = "core";
    public const string Channel = "channel";

    public static string Text(SolutionSource source)
    {
        var text = new StringBuilder()
            .Append("# The solution zips in this folder, in the order to import them, and the tables each needs.\n")
            .Append("# Written by Solution/ from SolutionDefinition.json; deploy/deploy.sh reads it.\n")
            .Append("# The core needs its tables; a channel solution imports only where the environment has its tables.\n");
        foreach (var solution in source.Optional)
        {
            text.Append("# Optional, never imported by deploy.sh: ").Append(solution.ZipFileName).Append(" (")
                .Append(string.Join(' ', solution.Tables.Select(t => t.Name))).Append("); import it by hand after the core, see Solution/README.md.\n");
        }

        text.Append("# zip\tkind\ttables\n");

        foreach (var solution in source.Imported)
        {
            var kind = ReferenceEquals(solution, source.Core) ? Core : Channel;
            text.Append(solution.ZipFileName).Append('\t').Append(kind).Append('\t')
                .Append(string.Join(' ', solution.Tables.Select(t => t.Name))).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Written last, after every zip it names, so its presence means the packing finished.</summary>
    public static void Write(SolutionSource source, string directory) =>
        File.WriteAllText(Path.Combine(directory, FileName), Text(source), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
}
