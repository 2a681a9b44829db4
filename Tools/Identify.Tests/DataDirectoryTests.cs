using System;
using System.Linq;
using Identification.Identify.Data;
using Microsoft.Xrm.Sdk;

namespace Identification.Identify.Tests;

public class DataDirectoryTests
{
    [Fact]
    public void Finds_one_table_per_json_or_csv_file_and_ignores_other_files()
    {
        using var directory = new TempDirectory();
        directory.Write("contact.json", """[{"fullname": "Ana"}]""");
        directory.Write("incident.csv", "ticketnumber\nCAS-1\n");
        directory.Write("notes.txt", "not a table");

        var tables = DataDirectory.FindTables(directory.Path);

        Assert.Equal(["contact", "incident"], tables.Select(t => t.LogicalName).ToArray());
        Assert.Equal("Ana", tables[0].ReadRows("contactid").Single().Entity["fullname"]);
        Assert.Equal("CAS-1", tables[1].ReadRows("incidentid").Single().Entity["ticketnumber"]);
    }

    [Fact]
    public void Refuses_a_file_name_that_is_not_a_logical_name()
    {
        using var directory = new TempDirectory();
        directory.Write("Contact.json", "[]");

        var error = Assert.Throws<InputFileException>(() => DataDirectory.FindTables(directory.Path));

        Assert.Contains("Contact.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_two_files_for_one_table()
    {
        using var directory = new TempDirectory();
        directory.Write("contact.json", "[]");
        directory.Write("contact.csv", "fullname\n");

        var error = Assert.Throws<InputFileException>(() => DataDirectory.FindTables(directory.Path));

        Assert.Contains("keep one file per table", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_the_file_of_a_bad_row_when_reading_from_a_directory()
    {
        using var directory = new TempDirectory();
        directory.Write("account.csv", "name,statecode\nContoso,0\nFabrikam,open\n");

        var error = Assert.Throws<InputFileException>(() => DataDirectory.FindTables(directory.Path).Single().ReadRows("accountid").ToList());

        Assert.Equal("account.csv line 3: 'statecode' must be an integer option value, found \"open\"", error.Message);
    }

    [Fact]
    public void Writes_tables_that_read_back_the_same_in_both_formats()
    {
        using var directory = new TempDirectory();
        var row = new Entity("contact", Guid.NewGuid());
        row["contactid"] = row.Id;
        row["fullname"] = "Quote \"Me\", Please";
        row["mobilephone"] = "4251234567";
        row["statecode"] = new OptionSetValue(0);
        row["parentcustomerid"] = new EntityReference("account", Guid.NewGuid());
        row["numberofchildren"] = 3;
        row["donotemail"] = false;

        TableFileWriter.WriteJson(System.IO.Path.Combine(directory.Path, "contact.json"), [row]);
        TableFileWriter.WriteCsv(System.IO.Path.Combine(directory.Path, "copy.csv"), row.Attributes.Keys.ToList(), [row]);
        var fromJson = JsonTableReader.Read(System.IO.Path.Combine(directory.Path, "contact.json"), "contact", "contactid").Single().Entity;
        var fromCsv = CsvTableReader.Read(System.IO.Path.Combine(directory.Path, "copy.csv"), "contact", "contactid").Single().Entity;

        foreach (var copy in new[] { fromJson, fromCsv })
        {
            Assert.Equal(row.Id, copy.Id);
            foreach (var attribute in row.Attributes)
            {
                Assert.Equal(attribute.Value, copy[attribute.Key]);
            }
        }
    }
}
