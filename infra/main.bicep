// Azure resources for Workflows (ARCHITECTURE §7): a custom-handler Function App on the Linux
// Consumption plan with identity-based access to Storage and Key Vault; no account keys, no
// connection strings in settings. Deploy into a resource group, see infra/README.md.
targetScope = 'resourceGroup'

@description('Azure region for every resource.')
param location string = resourceGroup().location

@description('Short lowercase prefix (letters and digits) for resource names.')
@minLength(3)
@maxLength(11)
param namePrefix string

@description('Sender address for mail sent through SendGrid.')
param sendGridFromEmail string

@description('Prefix of the engine\'s tables and queues (Engine:Prefix): lowercase letters and digits, starting with a letter.')
@minLength(1)
@maxLength(15)
param enginePrefix string = 'wf'

@description('Microsoft Entra ID tenant whose staff sign in (Auth:Entra:TenantId).')
param entraTenantId string = tenant().tenantId

@description('The API\'s application id URI or client id as it appears in staff tokens (Auth:Entra:Audience); empty leaves staff sign-in off.')
param entraAudience string = ''

// Globally unique names need a suffix; stable per resource group so redeploys update in place.
var suffix = uniqueString(resourceGroup().id)
var appName = '${namePrefix}-${suffix}'
var storageName = take('${namePrefix}${suffix}', 24)
var packageContainerName = 'deployments'
var packageBlobName = 'workflows.zip'
// Only the secret's name lives here; its value is set by an operator (see infra/README.md).
var sendGridSecretName = 'SendGrid-ApiKey'

// Built-in role definition ids (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles).
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageName
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    allowSharedKeyAccess: false // Entra ID only: the app and the Functions host use managed identity
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

// The run-from-package zip; the app reads it with its identity (no SAS, no shared key).
resource packageContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: packageContainerName
  properties: { publicAccess: 'None' }
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${namePrefix}-logs'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${namePrefix}-insights'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: take('${namePrefix}-kv-${suffix}', 24)
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true // access by role assignment, no access policies
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
  }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${namePrefix}-plan'
  location: location
  kind: 'functionapp'
  sku: { name: 'Y1', tier: 'Dynamic' }
  properties: { reserved: true } // Linux
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  kind: 'functionapp,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: '' // custom handler: the host runs our self-contained executable
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [
        { name: 'FUNCTIONS_EXTENSION_VERSION', value: '~4' }
        { name: 'FUNCTIONS_WORKER_RUNTIME', value: 'custom' }
        // Identity-based host storage; with shared keys off there is no Azure Files content share,
        // so the app runs from the package blob, fetched with the system identity.
        { name: 'AzureWebJobsStorage__accountName', value: storage.name }
        { name: 'WEBSITE_RUN_FROM_PACKAGE', value: '${storage.properties.primaryEndpoints.blob}${packageContainerName}/${packageBlobName}' }
        { name: 'WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID', value: 'SystemAssigned' }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        // Read by the app (Storage:AccountName, Engine:*, Mail:*, SendGrid:*).
        { name: 'Storage__AccountName', value: storage.name }
        { name: 'Engine__Prefix', value: enginePrefix }
        // The Functions host polls the queues and posts each message to the app (custom handler), so the
        // app's own loops stay off; the app turns them off itself too when FUNCTIONS_CUSTOMHANDLER_PORT is set.
        { name: 'Engine__RunLoops', value: 'false' }
        // The queue triggers' identity-based connection ("connection": "Storage" in each function.json).
        { name: 'Storage__queueServiceUri', value: storage.properties.primaryEndpoints.queue }
        // The queues the triggers read (%...% in function.json): the engine's own, by the same prefix;
        // the app refuses to start as a custom handler when they differ.
        { name: 'EngineWorkQueue', value: '${enginePrefix}-work' }
        { name: 'EngineTimerQueue', value: '${enginePrefix}-timers' }
        { name: 'EngineActivityQueue', value: '${enginePrefix}-activities' }
        // Mail goes out through SendGrid (the default writes .eml files, which a read-only package cannot hold).
        { name: 'Mail__Provider', value: 'SendGrid' }
        { name: 'Mail__From', value: sendGridFromEmail }
        // Case links in emails point at this app.
        { name: 'Mail__BaseUrl', value: 'https://${appName}.azurewebsites.net' }
        { name: 'SendGrid__ApiKey', value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${sendGridSecretName})' }
        // Staff sign in with Entra ID bearer tokens; without an audience the bearer scheme is not registered.
        { name: 'Auth__Entra__TenantId', value: entraTenantId }
        { name: 'Auth__Entra__Audience', value: entraAudience }
      ]
    }
  }
}

var storageRoles = [roles.storageBlobDataOwner, roles.storageQueueDataContributor, roles.storageTableDataContributor]

resource storageAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in storageRoles: {
    scope: storage
    name: guid(storage.id, app.id, role)
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
      principalId: app.identity.principalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource vaultAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, app.id, roles.keyVaultSecretsUser)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

output functionAppName string = app.name
output functionAppUrl string = 'https://${app.properties.defaultHostName}'
output storageAccountName string = storage.name
output packageContainerName string = packageContainerName
output packageBlobName string = packageBlobName
output keyVaultName string = vault.name
output sendGridSecretName string = sendGridSecretName
