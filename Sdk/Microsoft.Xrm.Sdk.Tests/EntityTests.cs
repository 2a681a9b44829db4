using System;
using System.Collections.Generic;
using Xunit;

namespace Microsoft.Xrm.Sdk.Tests;

public class EntityTests
{
    [Fact]
    public void Starts_with_empty_collections_and_no_id()
    {
        var entity = new Entity();

        Assert.Empty(entity.Attributes);
        Assert.Empty(entity.FormattedValues);
        Assert.Empty(entity.RelatedEntities);
        Assert.Empty(entity.KeyAttributes);
        Assert.Equal(Guid.Empty, entity.Id);
        Assert.Null(entity.LogicalName);
        Assert.Null(entity.EntityState);
    }

    [Fact]
    public void Takes_logical_name_and_id_from_the_constructor()
    {
        var id = Guid.NewGuid();

        var entity = new Entity("contact", id);

        Assert.Equal("contact", entity.LogicalName);
        Assert.Equal(id, entity.Id);
        Assert.False(entity.Contains("contactid"));
    }

    [Fact]
    public void Takes_an_alternate_key_from_the_constructor()
    {
        var entity = new Entity("contact", "emailaddress1", "ada@example.com");

        Assert.Equal("ada@example.com", entity.KeyAttributes["emailaddress1"]);
    }

    [Fact]
    public void Indexer_reads_and_writes_the_attributes()
    {
        var entity = new Entity("contact") { ["firstname"] = "Ada" };

        entity["firstname"] = "Grace";

        Assert.Equal("Grace", entity["firstname"]);
        Assert.Equal("Grace", entity.Attributes["firstname"]);
        Assert.True(entity.Contains("firstname"));
    }

    [Fact]
    public void Indexer_throws_KeyNotFoundException_for_a_missing_attribute()
    {
        var entity = new Entity("contact");

        Assert.Throws<KeyNotFoundException>(() => entity["firstname"]);
    }

    [Fact]
    public void Attribute_names_are_case_sensitive()
    {
        var entity = new Entity("contact") { ["firstname"] = "Ada" };

        Assert.False(entity.Contains("FirstName"));
        Assert.Null(entity.GetAttributeValue<string>("FirstName"));
    }

    [Fact]
    public void GetAttributeValue_returns_the_value_cast_to_the_requested_type()
    {
        var parent = new EntityReference("account", Guid.NewGuid());
        var entity = new Entity("contact") { ["parentcustomerid"] = parent, ["numberofchildren"] = 2 };

        Assert.Same(parent, entity.GetAttributeValue<EntityReference>("parentcustomerid"));
        Assert.Equal(2, entity.GetAttributeValue<int?>("numberofchildren"));
    }

    [Fact]
    public void GetAttributeValue_returns_default_when_the_attribute_is_missing()
    {
        var entity = new Entity("contact");

        Assert.Null(entity.GetAttributeValue<string>("firstname"));
        Assert.Equal(0, entity.GetAttributeValue<int>("numberofchildren"));
        Assert.Null(entity.GetAttributeValue<int?>("numberofchildren"));
        Assert.Equal(Guid.Empty, entity.GetAttributeValue<Guid>("contactid"));
    }

    [Fact]
    public void GetAttributeValue_returns_default_when_the_attribute_is_null()
    {
        var entity = new Entity("contact") { ["birthdate"] = null };

        Assert.Equal(default, entity.GetAttributeValue<DateTime>("birthdate"));
        Assert.Null(entity.GetAttributeValue<DateTime?>("birthdate"));
    }

    [Fact]
    public void GetAttributeValue_throws_InvalidCastException_for_a_value_of_another_type()
    {
        var entity = new Entity("contact") { ["firstname"] = "Ada" };

        Assert.Throws<InvalidCastException>(() => entity.GetAttributeValue<EntityReference>("firstname"));
    }

    [Fact]
    public void TryGetAttributeValue_reports_whether_a_value_of_the_type_is_present()
    {
        var entity = new Entity("contact") { ["firstname"] = "Ada", ["middlename"] = null };

        Assert.True(entity.TryGetAttributeValue<string>("firstname", out var firstName));
        Assert.Equal("Ada", firstName);
        Assert.True(entity.TryGetAttributeValue<string>("middlename", out var middleName));
        Assert.Null(middleName);
        Assert.False(entity.TryGetAttributeValue<string>("lastname", out var lastName));
        Assert.Null(lastName);
        Assert.False(entity.TryGetAttributeValue<int>("firstname", out var number));
        Assert.Equal(0, number);
    }

    [Fact]
    public void ToEntityReference_carries_logical_name_id_and_alternate_keys()
    {
        var entity = new Entity("contact", Guid.NewGuid());
        entity.KeyAttributes["emailaddress1"] = "ada@example.com";

        var reference = entity.ToEntityReference();

        Assert.Equal("contact", reference.LogicalName);
        Assert.Equal(entity.Id, reference.Id);
        Assert.Equal("ada@example.com", reference.KeyAttributes["emailaddress1"]);
    }

    [Fact]
    public void ToEntity_gives_a_shallow_copy_of_the_requested_type()
    {
        var entity = new Entity("contact", Guid.NewGuid()) { ["firstname"] = "Ada" };

        var contact = entity.ToEntity<Contact>();

        Assert.IsType<Contact>(contact);
        Assert.Equal(entity.Id, contact.Id);
        Assert.Equal("Ada", contact.FirstName);
        Assert.Same(entity.Attributes, contact.Attributes);
    }

    [Fact]
    public void ToEntity_refuses_a_type_bound_to_another_table()
    {
        var entity = new Entity("account", Guid.NewGuid());

        Assert.Throws<NotSupportedException>(() => entity.ToEntity<Contact>());
    }

    [Fact]
    public void Early_bound_helpers_read_and_write_related_entities()
    {
        var contact = new Contact();
        var account = new Entity("account", Guid.NewGuid());

        contact.ParentAccount = account;

        Assert.Equal(account.Id, contact.ParentAccount!.Id);
        Assert.True(contact.RelatedEntities.Contains(new Relationship("contact_customer_accounts")));
        contact.ParentAccount = null;
        Assert.Null(contact.ParentAccount);
        Assert.Empty(contact.RelatedEntities);
    }

    [Fact]
    public void Early_bound_helpers_read_formatted_values()
    {
        var contact = new Contact();
        contact.FormattedValues["gendercode"] = "Female";

        Assert.Equal("Female", contact.GenderText);
        Assert.Null(new Contact().GenderText);
    }

    /// <summary>An early-bound class as code generators write them, to reach Entity's protected helpers.</summary>
    private sealed class Contact : Entity
    {
        public Contact()
            : base("contact")
        {
        }

        public string? FirstName
        {
            get => GetAttributeValue<string>("firstname");
            set => SetAttributeValue("firstname", value);
        }

        public string? GenderText => GetFormattedAttributeValue("gendercode");

        public Entity? ParentAccount
        {
            get => GetRelatedEntity<Entity>("contact_customer_accounts", null);
            set => SetRelatedEntity("contact_customer_accounts", null, value);
        }
    }
}
