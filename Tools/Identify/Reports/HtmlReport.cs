using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;

namespace Identification.Identify.Reports;

/// <summary>A cell of an <see cref="HtmlReport"/> table: text, and optionally lines shown when the row is opened.</summary>
internal sealed record HtmlCell(string Text, IReadOnlyList<string>? Details = null)
{
    public static implicit operator HtmlCell(string text) => new(text);
}

/// <summary>A row of an <see cref="HtmlReport"/> table; <paramref name="Data"/> become <c>data-*</c> attributes the filters read.</summary>
internal sealed record HtmlRow(IReadOnlyList<HtmlCell> Cells, IReadOnlyDictionary<string, string> Data);

/// <summary>
/// One self-contained HTML file: inline CSS, inline SVG charts, a few lines of inline script for the filters, no
/// network. Every text it is given is HTML-escaped here, so callers pass plain text (values from data files
/// included) and never markup. Shared by the reports of the identify tool.
/// </summary>
internal sealed class HtmlReport
{
    private const string Style = """
        body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.5em}
        table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
        th{background:#f4f4f4;position:sticky;top:0}tr[hidden]{display:none}details summary{cursor:pointer}
        .filters label{margin-right:1em}.muted{color:#666}svg text{font:12px system-ui,sans-serif}
        """;

    private const string Script = """
        function applyFilters(table){var t=document.getElementById(table);var s=document.querySelectorAll('select[data-table="'+table+'"]');
        for(var r of t.tBodies[0].rows){var show=true;s.forEach(function(f){if(f.value&&r.dataset[f.dataset.filter]!==f.value)show=false;});r.hidden=!show;}}
        """;

    private readonly string _title;
    private readonly StringBuilder _body = new();

    public HtmlReport(string title) => _title = title;

    /// <summary>HTML-escapes text for an element or a quoted attribute.</summary>
    public static string Escape(string text) => WebUtility.HtmlEncode(text);

    public HtmlReport Heading(string text)
    {
        _body.Append("<h2>").Append(Escape(text)).Append("</h2>\n");
        return this;
    }

    public HtmlReport Paragraph(string text, bool muted = false)
    {
        _body.Append(muted ? "<p class=\"muted\">" : "<p>").Append(Escape(text)).Append("</p>\n");
        return this;
    }

    /// <summary>Horizontal bars, one per label, as inline SVG; each bar says its value and its share of the total.</summary>
    public HtmlReport BarChart(string caption, IReadOnlyList<(string Label, int Value)> bars)
    {
        var c = CultureInfo.InvariantCulture;
        const int LabelWidth = 160, BarWidth = 420, Height = 22;
        var total = Math.Max(1, bars.Sum(bar => bar.Value));
        var max = Math.Max(1, bars.Count == 0 ? 1 : bars.Max(bar => bar.Value));
        _body.Append(c, $"<figure><svg role=\"img\" aria-label=\"{Escape(caption)}\" width=\"{LabelWidth + BarWidth + 120}\" height=\"{bars.Count * Height + 4}\">\n");
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, value) = bars[i];
            var y = i * Height + 2;
            var width = (int)Math.Round((double)BarWidth * value / max);
            _body.Append(c, $"<text x=\"0\" y=\"{y + 15}\">{Escape(label)}</text>");
            _body.Append(c, $"<rect x=\"{LabelWidth}\" y=\"{y + 3}\" width=\"{width}\" height=\"{Height - 6}\" fill=\"#4a7fb5\"/>");
            _body.Append(c, $"<text x=\"{LabelWidth + width + 6}\" y=\"{y + 15}\">{value:N0} ({100.0 * value / total:N1} %)</text>\n");
        }

        _body.Append("</svg><figcaption class=\"muted\">").Append(Escape(caption)).Append("</figcaption></figure>\n");
        return this;
    }

    /// <summary>A drop-down per filter over the rows of table <paramref name="tableId"/>: rows whose <c>data-*</c> value differs are hidden.</summary>
    public HtmlReport Filters(string tableId, IReadOnlyList<(string Attribute, string Label, IReadOnlyList<string> Values)> filters)
    {
        _body.Append("<div class=\"filters\">");
        foreach (var (attribute, label, values) in filters)
        {
            _body.Append("<label>").Append(Escape(label)).Append(' ')
                .Append("<select data-table=\"").Append(Escape(tableId)).Append("\" data-filter=\"").Append(Escape(attribute))
                .Append("\" onchange=\"applyFilters('").Append(Escape(tableId)).Append("')\"><option value=\"\">all</option>");
            foreach (var value in values)
            {
                _body.Append("<option>").Append(Escape(value)).Append("</option>");
            }

            _body.Append("</select></label>");
        }

        _body.Append("</div>\n");
        return this;
    }

    /// <summary>A table; <paramref name="tableId"/> and the keys of each row's data must be plain identifiers (lower case letters).</summary>
    public HtmlReport Table(string tableId, IReadOnlyList<string> headers, IEnumerable<HtmlRow> rows)
    {
        _body.Append("<table id=\"").Append(Escape(tableId)).Append("\"><thead><tr>");
        foreach (var header in headers)
        {
            _body.Append("<th>").Append(Escape(header)).Append("</th>");
        }

        _body.Append("</tr></thead><tbody>\n");
        foreach (var row in rows)
        {
            _body.Append("<tr");
            foreach (var (key, value) in row.Data)
            {
                _body.Append(" data-").Append(Escape(key)).Append("=\"").Append(Escape(value)).Append('"');
            }

            _body.Append('>');
            foreach (var cell in row.Cells)
            {
                _body.Append("<td>");
                if (cell.Details is { Count: > 0 } details)
                {
                    _body.Append("<details><summary>").Append(Escape(cell.Text)).Append("</summary>");
                    foreach (var line in details)
                    {
                        _body.Append("<div>").Append(Escape(line)).Append("</div>");
                    }

                    _body.Append("</details>");
                }
                else
                {
                    _body.Append(Escape(cell.Text));
                }

                _body.Append("</td>");
            }

            _body.Append("</tr>\n");
        }

        _body.Append("</tbody></table>\n");
        return this;
    }

    /// <summary>Writes the whole document.</summary>
    public void WriteTo(TextWriter output)
    {
        output.Write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
        output.Write(Escape(_title));
        output.Write("</title>\n<style>\n");
        output.Write(Style);
        output.Write("\n</style>\n<script>\n");
        output.Write(Script);
        output.Write("\n</script></head><body>\n<h1>");
        output.Write(Escape(_title));
        output.Write("</h1>\n");
        output.Write(_body.ToString());
        output.Write("</body></html>\n");
    }
}
