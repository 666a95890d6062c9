import { describe, expect, it } from 'vitest';
import { classifyUrl } from '../../lib/crm';

const OPP = '006Dn000004PqRsIAK';
const OPP15 = '006Dn000004PqRs';
const ACC = '001Dn000003AbCdIAK';
const GUID = '7e3d1c6a-5b2f-4e8a-9c1d-0a1b2c3d4e5f';

describe('classifyUrl', () => {
  it.each([
    // Salesforce Lightning
    [
      `https://acme.lightning.force.com/lightning/r/Opportunity/${OPP}/view`,
      {
        crm: 'salesforce-lightning',
        isDealRecord: true,
        objectType: 'Opportunity',
        recordId: OPP,
        mode: 'view',
      },
    ],
    [
      `https://acme.lightning.force.com/lightning/r/Opportunity/${OPP}/edit?navigationLocation=DETAIL&backgroundContext=%2Flightning%2Fr%2FOpportunity%2F${OPP}%2Fview`,
      {
        crm: 'salesforce-lightning',
        isDealRecord: true,
        objectType: 'Opportunity',
        recordId: OPP,
        mode: 'edit',
      },
    ],
    [
      `https://acme--uat.sandbox.lightning.force.com/lightning/r/${OPP}/view`,
      {
        crm: 'salesforce-lightning',
        isDealRecord: true,
        objectType: 'Opportunity',
        recordId: OPP,
        mode: 'view',
      },
    ],
    [
      `https://acme.my.salesforce.com/lightning/r/opportunity/${OPP}/view/`,
      {
        crm: 'salesforce-lightning',
        isDealRecord: true,
        objectType: 'Opportunity',
        recordId: OPP,
        mode: 'view',
      },
    ],
    [
      `https://acme.lightning.force.com/one/one.app#/sObject/${OPP}/view`,
      {
        crm: 'salesforce-lightning',
        isDealRecord: true,
        objectType: 'Opportunity',
        recordId: OPP,
        mode: 'view',
      },
    ],
    [
      `https://acme.my.salesforce.com/one/one.app#/sObject/${OPP}/view?t=1`,
      {
        crm: 'salesforce-lightning',
        isDealRecord: true,
        objectType: 'Opportunity',
        recordId: OPP,
        mode: 'view',
      },
    ],
    // console: the path is the focused subtab, ws its workspace
    [
      `https://acme.lightning.force.com/lightning/r/Opportunity/${OPP}/view?ws=%2Flightning%2Fr%2FAccount%2F${ACC}%2Fview`,
      {
        crm: 'salesforce-lightning',
        isDealRecord: true,
        objectType: 'Opportunity',
        recordId: OPP,
        mode: 'view',
      },
    ],
    [
      `https://acme.lightning.force.com/lightning/r/Account/${ACC}/view?ws=%2Flightning%2Fr%2FOpportunity%2F${OPP}%2Fview`,
      {
        crm: 'salesforce-lightning',
        isDealRecord: false,
        objectType: 'Account',
        recordId: ACC,
        mode: 'view',
      },
    ],
    [
      `https://acme.lightning.force.com/lightning/r/Opportunity/${OPP}/related/OpportunityLineItems/view`,
      {
        crm: 'salesforce-lightning',
        isDealRecord: false,
        objectType: 'Opportunity',
        recordId: OPP,
      },
    ],
    [
      'https://acme.lightning.force.com/lightning/o/Opportunity/list?filterName=Recent',
      { crm: 'salesforce-lightning', isDealRecord: false, objectType: 'Opportunity' },
    ],
    [
      'https://acme.lightning.force.com/lightning/o/Opportunity/new',
      { crm: 'salesforce-lightning', isDealRecord: false, objectType: 'Opportunity' },
    ],
    [
      `https://acme.lightning.force.com/lightning/r/Opportunity/${ACC}/view`,
      {
        crm: 'salesforce-lightning',
        isDealRecord: false,
        objectType: 'Opportunity',
        recordId: ACC,
        mode: 'view',
      },
    ],
    [
      'https://acme.lightning.force.com/lightning/page/home',
      { crm: 'salesforce-lightning', isDealRecord: false },
    ],
    [
      `https://acme.lightning.force.com/lightning/r/Opportunity/006Dn000004PqRsIAA/view`,
      { crm: 'salesforce-lightning', isDealRecord: false },
    ],
    // Salesforce Classic
    [
      `https://acme.my.salesforce.com/${OPP15}`,
      {
        crm: 'salesforce-classic',
        isDealRecord: true,
        objectType: 'Opportunity',
        recordId: OPP15,
        mode: 'view',
      },
    ],
    [
      `https://acme.my.salesforce.com/${OPP15}/e?retURL=%2F${OPP15}`,
      {
        crm: 'salesforce-classic',
        isDealRecord: true,
        objectType: 'Opportunity',
        recordId: OPP15,
        mode: 'edit',
      },
    ],
    [
      `https://na85.salesforce.com/${OPP}`,
      {
        crm: 'salesforce-classic',
        isDealRecord: true,
        objectType: 'Opportunity',
        recordId: OPP,
        mode: 'view',
      },
    ],
    [
      `https://acme.my.salesforce.com/${ACC}`,
      { crm: 'salesforce-classic', isDealRecord: false, recordId: ACC, mode: 'view' },
    ],
    ['https://acme.my.salesforce.com/006/o', { crm: 'salesforce-classic', isDealRecord: false }],
    ['https://acme.my.salesforce.com/006/e', { crm: 'salesforce-classic', isDealRecord: false }],
    [
      'https://acme.my.salesforce.com/home/home.jsp',
      { crm: 'salesforce-classic', isDealRecord: false },
    ],
    // HubSpot
    [
      'https://app.hubspot.com/contacts/12345678/record/0-3/9876543210',
      { crm: 'hubspot', isDealRecord: true, objectType: 'deal', recordId: '9876543210' },
    ],
    [
      'https://app-eu1.hubspot.com/contacts/26001234/record/0-3/15012345678/',
      { crm: 'hubspot', isDealRecord: true, objectType: 'deal', recordId: '15012345678' },
    ],
    [
      'https://app.hubspot.com/contacts/12345678/deal/9876543210',
      { crm: 'hubspot', isDealRecord: true, objectType: 'deal', recordId: '9876543210' },
    ],
    [
      'https://app.hubspot.com/contacts/12345678/record/0-1/501',
      { crm: 'hubspot', isDealRecord: false, objectType: 'contact', recordId: '501' },
    ],
    [
      'https://app.hubspot.com/contacts/12345678/record/2-1234567/42',
      { crm: 'hubspot', isDealRecord: false, objectType: '2-1234567', recordId: '42' },
    ],
    [
      'https://app.hubspot.com/contacts/12345678/objects/0-3/views/all/list',
      { crm: 'hubspot', isDealRecord: false },
    ],
    ['https://app.hubspot.com/reports-dashboard/12345678', { crm: 'hubspot', isDealRecord: false }],
    // Dynamics 365
    [
      `https://contoso.crm.dynamics.com/main.aspx?appid=0a1b2c3d-0000-0000-0000-000000000000&pagetype=entityrecord&etn=opportunity&id=%7B${GUID.toUpperCase()}%7D`,
      { crm: 'dynamics365', isDealRecord: true, objectType: 'opportunity', recordId: GUID },
    ],
    [
      `https://contoso.crm4.dynamics.com/main.aspx?pagetype=entityrecord&etn=opportunity&id={${GUID}}`,
      { crm: 'dynamics365', isDealRecord: true, objectType: 'opportunity', recordId: GUID },
    ],
    [
      `https://contoso.crm11.dynamics.com/main.aspx?etn=opportunity&id=${GUID.toUpperCase()}&pagetype=entityrecord`,
      { crm: 'dynamics365', isDealRecord: true, objectType: 'opportunity', recordId: GUID },
    ],
    [
      `https://contoso.crm.dynamics.com/main.aspx?etc=3&id=%257B${GUID}%257D&pagetype=entityrecord`,
      { crm: 'dynamics365', isDealRecord: true, objectType: 'opportunity', recordId: GUID },
    ],
    [
      `https://contoso.crm.dynamics.com/main.aspx?pagetype=entityrecord&etn=account&id=${GUID}`,
      { crm: 'dynamics365', isDealRecord: false, objectType: 'account', recordId: GUID },
    ],
    [
      'https://contoso.crm.dynamics.com/main.aspx?pagetype=entitylist&etn=opportunity',
      { crm: 'dynamics365', isDealRecord: false, objectType: 'opportunity' },
    ],
    [
      'https://contoso.crm.dynamics.com/main.aspx?pagetype=entityrecord&etn=opportunity',
      { crm: 'dynamics365', isDealRecord: false, objectType: 'opportunity' },
    ],
    [
      'https://contoso.crm.dynamics.com/main.aspx?pagetype=entityrecord&etn=opportunity&id=not-a-guid',
      { crm: 'dynamics365', isDealRecord: false, objectType: 'opportunity' },
    ],
    // Pipedrive
    [
      'https://acme.pipedrive.com/deal/1234',
      { crm: 'pipedrive', isDealRecord: true, objectType: 'deal', recordId: '1234' },
    ],
    [
      'https://acme-sales.pipedrive.com/deal/1234/?tab=notes',
      { crm: 'pipedrive', isDealRecord: true, objectType: 'deal', recordId: '1234' },
    ],
    [
      'https://acme.pipedrive.com/person/77',
      { crm: 'pipedrive', isDealRecord: false, objectType: 'person', recordId: '77' },
    ],
    [
      'https://acme.pipedrive.com/pipeline/1/user/everyone',
      { crm: 'pipedrive', isDealRecord: false },
    ],
    [
      'https://acme.pipedrive.com/deal/new',
      { crm: 'pipedrive', isDealRecord: false, objectType: 'deal' },
    ],
  ])('%s', (url, expected) => {
    expect(classifyUrl(url)).toEqual(expected);
  });

  it.each([
    'not a url',
    '',
    'https://example.com/lightning/r/Opportunity/006Dn000004PqRsIAK/view',
    'https://lightning.force.com.evil.example/lightning/r/Opportunity/006Dn000004PqRsIAK/view',
    'https://evil.example/?u=.lightning.force.com/lightning/r/Opportunity/006Dn000004PqRsIAK/view',
    'https://evil-lightning.force.com.example/',
    'http://acme.lightning.force.com/lightning/r/Opportunity/006Dn000004PqRsIAK/view',
    'https://www.salesforce.com/products/',
    'https://www.hubspot.com/contacts/1/record/0-3/2',
    'https://app.hubspot.com.evil.example/contacts/1/record/0-3/2',
    'https://contoso.dynamics.com/main.aspx?etn=opportunity&id=7e3d1c6a-5b2f-4e8a-9c1d-0a1b2c3d4e5f',
    'https://www.pipedrive.com/deal/1',
    'https://pipedrive.com/deal/1',
    'javascript:alert(1)',
  ])('%s belongs to no supported CRM', (url) => {
    expect(classifyUrl(url)).toBeNull();
  });
});
