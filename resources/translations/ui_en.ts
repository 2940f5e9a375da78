<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="fr_FR">
<context>
    <name></name>
    <message>
        <source>Valider</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>&amp;Regarder dans :</source>
        <translation>&amp;Look in:</translation>
    </message>
    <message>
        <source>&amp;Types de fichiers :</source>
        <translation>Files of &amp;type:</translation>
    </message>
    <message>
        <source>&amp;Dossier :</source>
        <translation>&amp;Folder:</translation>
    </message>
    <message>
        <source>&amp;Nom du fichier :</source>
        <translation>File &amp;name:</translation>
    </message>
    <message>
        <source>Saisissez d&apos;abord le texte demandé</source>
        <translation>Enter the text asked for first</translation>
    </message>
    <message>
        <source>Parcours</source>
        <translation>Walk-through</translation>
    </message>
    <message>
        <source>Verdict : {0}</source>
        <translation>Verdict: {0}</translation>
    </message>
    <message>
        <source>Point suivant non renseigné</source>
        <translation>Next checkpoint not yet assessed</translation>
    </message>
    <message>
        <source>Coller une photo (liste des pièces)</source>
        <translation>Paste a photo (evidence list)</translation>
    </message>
    <message>
        <source>Retirer la pièce choisie (liste des pièces)</source>
        <translation>Remove the selected evidence (evidence list)</translation>
    </message>
    <message>
        <source>Arbre → liste des points → note → pièces</source>
        <translation>Tree → checkpoint list → note → evidence</translation>
    </message>
    <message>
        <source>Tests mystère</source>
        <translation>Mystery tests</translation>
    </message>
    <message>
        <source>Démarrer ou arrêter le chronomètre</source>
        <translation>Start or stop the stopwatch</translation>
    </message>
    <message>
        <source>Compter une sonnerie</source>
        <translation>Count a ring</translation>
    </message>
    <message>
        <source>Enregistrer le test</source>
        <translation>Save the test</translation>
    </message>
    <message>
        <source>Accepter le constat</source>
        <translation>Accept the finding</translation>
    </message>
    <message>
        <source>Demander des modifications</source>
        <translation>Request changes</translation>
    </message>
    <message>
        <source>Reclasser</source>
        <translation>Reclassify</translation>
    </message>
    <message>
        <source>Commenter</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>Revue</source>
        <translation>Review</translation>
    </message>
    <message>
        <source>NC majeure</source>
        <translation>Major NC</translation>
    </message>
    <message>
        <source>N/A</source>
        <translation>N/A</translation>
    </message>
    <message>
        <source>Accueil</source>
        <translation>In person</translation>
    </message>
    <message>
        <source>Téléphone</source>
        <translation>Telephone</translation>
    </message>
    <message>
        <source>Site web</source>
        <translation>Website</translation>
    </message>
    <message>
        <source>En ligne</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>Audit</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Dispositif : {0}</source>
        <translation>Aid scheme: {0}</translation>
    </message>
    <message>
        <source>Tous canaux</source>
        <translation>All channels</translation>
    </message>
    <message>
        <source>{0} : {1} points renseignés sur {2}</source>
        <translation>{0}: {1} of {2} checkpoints assessed</translation>
    </message>
    <message>
        <source>Point</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Canal</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>Exigence</source>
        <translation>Requirement</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Verdict</translation>
    </message>
    <message>
        <source>Valeur</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>Preuves</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <source>(point absent de la grille)</source>
        <translation>(checkpoint not in the grid)</translation>
    </message>
    <message>
        <source>à renseigner</source>
        <translation>to be assessed</translation>
    </message>
    <message>
        <source>{0} Ko</source>
        <translation>{0} KB</translation>
    </message>
    <message>
        <source>{0} Mo</source>
        <translation>{0} MB</translation>
    </message>
    <message>
        <source>{0} Go</source>
        <translation>{0} GB</translation>
    </message>
    <message>
        <source>%d/%m/%Y à %H:%M</source>
        <translation>%d/%m/%Y at %H:%M</translation>
    </message>
    <message>
        <source>Paquet de revue</source>
        <translation>Review package</translation>
    </message>
    <message>
        <source>Paquet de terrain</source>
        <translation>Field package</translation>
    </message>
    <message>
        <source>{0} constats, {1} pièces, {2} entrées de journal, {3} fichiers vérifiés</source>
        <translation>{0} findings, {1} pieces of evidence, {2} log entries, {3} files checked</translation>
    </message>
    <message>
        <source> ; rapport signé joint</source>
        <translation>; signed report attached</translation>
    </message>
    <message>
        <source>Serveur d&apos;échange</source>
        <translation>Exchange server</translation>
    </message>
    <message>
        <source>Mot de passe de « {0} » sur le serveur :</source>
        <translation>Password of “{0}” on the server:</translation>
    </message>
    <message>
        <source>Adresse du serveur refusée</source>
        <translation>Server address refused</translation>
    </message>
    <message>
        <source>Paquet illisible : {0}</source>
        <translation>Unreadable package: {0}</translation>
    </message>
    <message>
        <source>Réglages d&apos;envoi</source>
        <translation>Sending settings</translation>
    </message>
    <message>
        <source>{0} j. ouvré</source>
        <translation>{0} working day</translation>
    </message>
    <message>
        <source>{0} j. ouvrés</source>
        <translation>{0} working days</translation>
    </message>
    <message>
        <source>attente {0}</source>
        <translation>wait {0}</translation>
    </message>
    <message>
        <source>réponse en</source>
        <translation>reply in</translation>
    </message>
    <message>
        <source>accusé en</source>
        <translation>ack. in</translation>
    </message>
    <message>
        <source>{0} {1} ({2})</source>
        <translation>{0} {1} ({2})</translation>
    </message>
    <message>
        <source>{0} j.</source>
        <translation>{0} d</translation>
    </message>
    <message>
        <source> au calendrier</source>
        <translation> in all</translation>
    </message>
    <message>
        <source>pas encore de réponse</source>
        <translation>no reply yet</translation>
    </message>
    <message>
        <source>Conforme</source>
        <translation>Conforming</translation>
    </message>
    <message>
        <source>Point fort</source>
        <translation>Strength</translation>
    </message>
    <message>
        <source>Piste de progrès</source>
        <translation>Improvement</translation>
    </message>
    <message>
        <source>Point sensible</source>
        <translation>Concern</translation>
    </message>
    <message>
        <source>NC mineure</source>
        <translation>Minor NC</translation>
    </message>
    <message>
        <source>Appel</source>
        <translation>Call</translation>
    </message>
    <message>
        <source>Courriel</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Courrier</source>
        <translation>Letter</translation>
    </message>
    <message>
        <source>Visite</source>
        <translation>Visit</translation>
    </message>
    <message>
        <source>Site internet</source>
        <translation>Website</translation>
    </message>
    <message>
        <source>référence {0}</source>
        <translation>reference {0}</translation>
    </message>
    <message>
        <source>Valeur mesurée</source>
        <translation>Measured value</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Auteur</source>
        <translation>Author</translation>
    </message>
    <message>
        <source>Légende</source>
        <translation>Caption</translation>
    </message>
    <message>
        <source>Réponse</source>
        <translation>Response</translation>
    </message>
    <message>
        <source>Commentaire</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>Sonneries</source>
        <translation>Rings</translation>
    </message>
    <message>
        <source>Attente (s)</source>
        <translation>Wait (s)</translation>
    </message>
    <message>
        <source>Envoyé le</source>
        <translation>Sent on</translation>
    </message>
    <message>
        <source>Accusé de réception le</source>
        <translation>Acknowledged on</translation>
    </message>
    <message>
        <source>Réponse le</source>
        <translation>Replied on</translation>
    </message>
    <message>
        <source>Satisfaits</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <source>Neutres</source>
        <translation>Neutral</translation>
    </message>
    <message>
        <source>Insatisfaits</source>
        <translation>Dissatisfied</translation>
    </message>
    <message>
        <source>Nom</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Statut</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Création</source>
        <translation>Creation</translation>
    </message>
    <message>
        <source>Modification</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>Intégration d&apos;un paquet</source>
        <translation>Package merged</translation>
    </message>
    <message>
        <source>Conflit à l&apos;import</source>
        <translation>Conflict on import</translation>
    </message>
    <message>
        <source>{0} : {1} → {2}</source>
        <translation>{0}: {1} → {2}</translation>
    </message>
    <message>
        <source>inconnu</source>
        <translation>unknown</translation>
    </message>
    <message>
        <source>reçu de {0}</source>
        <translation>received from {0}</translation>
    </message>
    <message>
        <source>Version écartée : {0}</source>
        <translation>Version set aside: {0}</translation>
    </message>
    <message>
        <source>Motif : {0}</source>
        <translation>Reason: {0}</translation>
    </message>
    <message>
        <source>Nouveau verdict : {0}</source>
        <translation>New verdict: {0}</translation>
    </message>
    <message>
        <source>Commentaire : {0}</source>
        <translation>Comment: {0}</translation>
    </message>
    <message>
        <source>Revue : {0}</source>
        <translation>Review: {0}</translation>
    </message>
    <message>
        <source>{0} : {1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <source>Constat</source>
        <translation>Finding</translation>
    </message>
    <message>
        <source>Test mystère</source>
        <translation>Mystery test</translation>
    </message>
    <message>
        <source>Enquête</source>
        <translation>Survey</translation>
    </message>
    <message>
        <source>Réponse de clôture</source>
        <translation>Closing response</translation>
    </message>
    <message>
        <source>Preuve</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Site</translation>
    </message>
    <message>
        <source> ; </source>
        <translation>; </translation>
    </message>
    <message>
        <source>« {0} »</source>
        <translation>“{0}”</translation>
    </message>
    <message>
        <source>%d/%m/%Y à %H:%M:%S</source>
        <translation>%d/%m/%Y at %H:%M:%S</translation>
    </message>
    <message>
        <source>Photos (*.jpg *.jpeg *.png *.tif *.tiff *.webp);;Tous les fichiers (*)</source>
        <translation>Photos (*.jpg *.jpeg *.png *.tif *.tiff *.webp);;All files (*)</translation>
    </message>
    <message>
        <source>Documents (*.pdf *.odt *.docx *.xlsx *.ods *.txt);;Tous les fichiers (*)</source>
        <translation>Documents (*.pdf *.odt *.docx *.xlsx *.ods *.txt);;All files (*)</translation>
    </message>
    <message>
        <source>français</source>
        <translation>French</translation>
    </message>
    <message>
        <source>anglais</source>
        <translation>English</translation>
    </message>
    <message>
        <source>Audit Services Publics +</source>
        <translation>Services Publics + Audit</translation>
    </message>
</context>
<context>
    <name>AboutDialog</name>
    <message>
        <source>À propos</source>
        <translation>About</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Audit Services Publics +&lt;/h2&gt;&lt;p&gt;Audits de terrain du label « Services Publics + » : constats hors ligne, rapports et paquets signés.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Services Publics + Audit&lt;/h2&gt;&lt;p&gt;Field audits for the “Services Publics +” label: offline findings, signed reports and packages.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>aucun ouvert</source>
        <translation>none open</translation>
    </message>
    <message>
        <source>Espace de travail : {0}</source>
        <translation>Workspace: {0}</translation>
    </message>
</context>
<context>
    <name>AuditListModel</name>
    <message>
        <source>Référence</source>
        <translation>Reference</translation>
    </message>
    <message>
        <source>Organisation auditée</source>
        <translation>Audited organisation</translation>
    </message>
    <message>
        <source>Statut</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>Dates</translation>
    </message>
    <message>
        <source>Avancement</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>Sites</source>
        <translation>Sites</translation>
    </message>
    <message>
        <source>{0} constats renseignés sur {1}</source>
        <translation>{0} findings assessed out of {1}</translation>
    </message>
    <message>
        <source>non fixées</source>
        <translation>not set</translation>
    </message>
    <message>
        <source>{0} %</source>
        <translation>{0}%</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>L&apos;audit</source>
        <translation>The audit</translation>
    </message>
    <message>
        <source>Organisation auditée, commanditaire, référence, dates et grille. Les champs marqués * sont obligatoires.</source>
        <translation>Audited organisation, client, reference, dates and grid. Fields marked * are required.</translation>
    </message>
    <message>
        <source>ex. Région Grand Est</source>
        <translation>e.g. Région Grand Est</translation>
    </message>
    <message>
        <source>qui commande l&apos;audit, si ce n&apos;est pas l&apos;organisation</source>
        <translation>who commissions the audit, if not the organisation</translation>
    </message>
    <message>
        <source>ex. SPP-2026-014</source>
        <translation>e.g. SPP-2026-014</translation>
    </message>
    <message>
        <source>au</source>
        <translation>to</translation>
    </message>
    <message>
        <source>Bronze</source>
        <translation>Bronze</translation>
    </message>
    <message>
        <source>Argent</source>
        <translation>Silver</translation>
    </message>
    <message>
        <source>Or</source>
        <translation>Gold</translation>
    </message>
    <message>
        <source>Lecture des grilles fournies avec l&apos;application…</source>
        <translation>Reading the grids supplied with the application…</translation>
    </message>
    <message>
        <source>&amp;Organisation auditée *</source>
        <translation>Audited &amp;organisation *</translation>
    </message>
    <message>
        <source>&amp;Commanditaire</source>
        <translation>Audit &amp;client</translation>
    </message>
    <message>
        <source>&amp;Référence de l&apos;audit *</source>
        <translation>Audit &amp;reference *</translation>
    </message>
    <message>
        <source>O&amp;bjectifs</source>
        <translation>O&amp;bjectives</translation>
    </message>
    <message>
        <source>&amp;Périmètre</source>
        <translation>&amp;Scope</translation>
    </message>
    <message>
        <source>&amp;Dates : du</source>
        <translation>&amp;Dates: from</translation>
    </message>
    <message>
        <source>&amp;Niveau visé</source>
        <translation>Target &amp;level</translation>
    </message>
    <message>
        <source>&amp;Grille d&apos;audit *</source>
        <translation>Audit &amp;grid *</translation>
    </message>
    <message>
        <source>Date de fin</source>
        <translation>End date</translation>
    </message>
    <message>
        <source>Date de début</source>
        <translation>Start date</translation>
    </message>
    <message>
        <source> (fournie)</source>
        <translation> (supplied)</translation>
    </message>
    <message>
        <source>{0} — version {1}{2}</source>
        <translation>{0} — version {1}{2}</translation>
    </message>
    <message>
        <source>Une grille « fournie » est copiée dans l&apos;espace de travail à la création de l&apos;audit ; l&apos;audit la garde telle quelle, même si une nouvelle version paraît.</source>
        <translation>A “supplied” grid is copied into the workspace when the audit is created; the audit keeps it as it is, even if a new version comes out.</translation>
    </message>
    <message>
        <source>Les grilles fournies n&apos;ont pas pu être lues : {0}</source>
        <translation>The supplied grids could not be read: {0}</translation>
    </message>
    <message>
        <source>Indiquez l&apos;organisation auditée.</source>
        <translation>Enter the audited organisation.</translation>
    </message>
    <message>
        <source>La référence de l&apos;audit est obligatoire.</source>
        <translation>The audit reference is required.</translation>
    </message>
    <message>
        <source>La référence « {0} » est déjà celle d&apos;un autre audit de cet espace de travail : choisissez-en une autre.</source>
        <translation>The reference “{0}” is already used by another audit in this workspace: choose a different one.</translation>
    </message>
    <message>
        <source>La date de fin ({0}) précède la date de début ({1}).</source>
        <translation>The end date ({0}) is before the start date ({1}).</translation>
    </message>
    <message>
        <source>Choisissez la grille d&apos;audit.</source>
        <translation>Choose the audit grid.</translation>
    </message>
</context>
<context>
    <name>ChannelsPage</name>
    <message>
        <source>Canaux de l&apos;organisation et dispositifs d&apos;aide</source>
        <translation>Organisation channels and aid schemes</translation>
    </message>
    <message>
        <source>Ce qui relève de l&apos;organisation entière, et non d&apos;un site : son site internet, ses démarches en ligne, les dispositifs d&apos;aide audités.</source>
        <translation>What concerns the whole organisation rather than a single site: its website, its online procedures, the aid schemes audited.</translation>
    </message>
    <message>
        <source>Démarches en ligne</source>
        <translation>Online procedures</translation>
    </message>
    <message>
        <source>Canaux de l&apos;organisation</source>
        <translation>Organisation channels</translation>
    </message>
    <message>
        <source>Nom *</source>
        <translation>Name *</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Dispositifs d&apos;aide</source>
        <translation>Aid schemes</translation>
    </message>
    <message>
        <source>&amp;Ajouter un dispositif</source>
        <translation>&amp;Add a scheme</translation>
    </message>
    <message>
        <source>&amp;Retirer le dispositif</source>
        <translation>&amp;Remove the scheme</translation>
    </message>
    <message>
        <source>Aucun dispositif d&apos;aide dans le périmètre (cette partie est facultative).</source>
        <translation>No aid scheme in scope (this part is optional).</translation>
    </message>
    <message>
        <source>Dispositifs d&apos;aide dans le périmètre (facultatif)</source>
        <translation>Aid schemes in scope (optional)</translation>
    </message>
    <message>
        <source>Le nom du dispositif n° {0} manque.</source>
        <translation>The name of scheme no. {0} is missing.</translation>
    </message>
    <message>
        <source>Le dispositif « {0} » figure deux fois.</source>
        <translation>The scheme “{0}” appears twice.</translation>
    </message>
</context>
<context>
    <name>ClosingModel</name>
    <message>
        <source>Point</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Canal</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>Point de contrôle</source>
        <translation>Checkpoint text</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Verdict</translation>
    </message>
    <message>
        <source>Note de l&apos;auditeur</source>
        <translation>Auditor&apos;s note</translation>
    </message>
    <message>
        <source>Preuves</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <source>Réponse du site</source>
        <translation>Site&apos;s answer</translation>
    </message>
    <message>
        <source>À recueillir</source>
        <translation>To be collected</translation>
    </message>
    <message>
        <source>Acceptée</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <source>Contestée : {0}</source>
        <translation>Disputed: {0}</translation>
    </message>
</context>
<context>
    <name>ClosingPage</name>
    <message>
        <source>Site de la réunion de clôture</source>
        <translation>Site of the closing meeting</translation>
    </message>
    <message>
        <source>Nom et fonction</source>
        <translation>Name and position</translation>
    </message>
    <message>
        <source>Nom du représentant du site</source>
        <translation>Name of the site representative</translation>
    </message>
    <message>
        <source>&amp;Site :</source>
        <translation>&amp;Site:</translation>
    </message>
    <message>
        <source>Étapes de la réunion de clôture</source>
        <translation>Steps of the closing meeting</translation>
    </message>
    <message>
        <source>Représentan&amp;t du site :</source>
        <translation>Site represen&amp;tative:</translation>
    </message>
    <message>
        <source>&amp;1. Constats présentés</source>
        <translation>&amp;1. Findings presented</translation>
    </message>
    <message>
        <source>&amp;2. Signatures</source>
        <translation>&amp;2. Signatures</translation>
    </message>
    <message>
        <source>Constats présentés au site</source>
        <translation>Findings presented to the site</translation>
    </message>
    <message>
        <source>Obligatoire pour contester : ce que dit le site.</source>
        <translation>Required to dispute: what the site says.</translation>
    </message>
    <message>
        <source>Commentaire du site</source>
        <translation>Site&apos;s comment</translation>
    </message>
    <message>
        <source>Acce&amp;pter</source>
        <translation>Acce&amp;pt</translation>
    </message>
    <message>
        <source>Le site accepte ce constat</source>
        <translation>The site accepts this finding</translation>
    </message>
    <message>
        <source>&amp;Contester</source>
        <translation>&amp;Dispute</translation>
    </message>
    <message>
        <source>Le site conteste ce constat</source>
        <translation>The site disputes this finding</translation>
    </message>
    <message>
        <source>Point de contrôle :</source>
        <translation>Checkpoint:</translation>
    </message>
    <message>
        <source>Note de l&apos;auditeur :</source>
        <translation>Auditor&apos;s note:</translation>
    </message>
    <message>
        <source>Réponse actuelle :</source>
        <translation>Current answer:</translation>
    </message>
    <message>
        <source>C&amp;ommentaire du site :</source>
        <translation>Site&apos;s c&amp;omment:</translation>
    </message>
    <message>
        <source>Signature du représentant du site</source>
        <translation>Site representative&apos;s signature</translation>
    </message>
    <message>
        <source>Nom de l&apos;auditeur</source>
        <translation>Auditor&apos;s name</translation>
    </message>
    <message>
        <source>Signature de l&apos;auditeur</source>
        <translation>Auditor&apos;s signature</translation>
    </message>
    <message>
        <source>Si&amp;gner</source>
        <translation>Si&amp;gn</translation>
    </message>
    <message>
        <source>Enregistrer les deux signatures</source>
        <translation>Save both signatures</translation>
    </message>
    <message>
        <source>Signatures et opinions divergentes du site</source>
        <translation>Signatures and diverging opinions of the site</translation>
    </message>
    <message>
        <source>Les deux signatures sont enregistrées ensemble, avec leur heure ; un cadre vide est refusé.</source>
        <translation>Both signatures are saved together, with their time; an empty box is refused.</translation>
    </message>
    <message>
        <source>Représentant du site</source>
        <translation>Site representative</translation>
    </message>
    <message>
        <source>Auditeur</source>
        <translation>Auditor</translation>
    </message>
    <message>
        <source>&amp;Nom :</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Signer au clavier</source>
        <translation>Sign with the keyboard</translation>
    </message>
    <message>
        <source>Nom qui signe {0} (il est écrit dans le cadre) :</source>
        <translation>Name signing {0} (it is written in the frame):</translation>
    </message>
    <message>
        <source>pour le site</source>
        <translation>for the site</translation>
    </message>
    <message>
        <source>pour l&apos;audit</source>
        <translation>for the audit</translation>
    </message>
    <message>
        <source>Cet audit n&apos;a pas de site : rien à présenter.</source>
        <translation>This audit has no site: nothing to present.</translation>
    </message>
    <message>
        <source>Aucun constat à présenter pour ce site : tous ses points renseignés sont conformes, ou il n&apos;a pas encore été visité.</source>
        <translation>No finding to present for this site: all its assessed checkpoints are conforming, or it has not been visited yet.</translation>
    </message>
    <message>
        <source>{0} constat(s) à présenter · {1} réponse(s) recueillie(s) · {2} contestation(s) · {3} en attente</source>
        <translation>{0} finding(s) to present · {1} answer(s) collected · {2} dispute(s) · {3} pending</translation>
    </message>
    <message>
        <source>Choisissez un constat dans la liste.</source>
        <translation>Choose a finding in the list.</translation>
    </message>
    <message>
        <source>{0} preuve(s) jointe(s)</source>
        <translation>{0} piece(s) of evidence attached</translation>
    </message>
    <message>
        <source>(aucune note)</source>
        <translation>(no note)</translation>
    </message>
    <message>
        <source>représentant du site</source>
        <translation>site representative</translation>
    </message>
    <message>
        <source>auditeur</source>
        <translation>auditor</translation>
    </message>
    <message>
        <source>auditeur responsable</source>
        <translation>lead auditor</translation>
    </message>
    <message>
        <source>Signé par {0} ({1}) le {2}</source>
        <translation>Signed by {0} ({1}) on {2}</translation>
    </message>
    <message>
        <source>Réunion déjà signée : ses réponses sont figées.</source>
        <translation>Meeting already signed: its answers are frozen.</translation>
    </message>
    <message>
        <source>Signatures</source>
        <translation>Signatures</translation>
    </message>
    <message>
        <source>Opinions divergentes</source>
        <translation>Diverging opinions</translation>
    </message>
    <message>
        <source>Pas encore signé.</source>
        <translation>Not signed yet.</translation>
    </message>
    <message>
        <source>Aucune : le site n&apos;a contesté aucun constat.</source>
        <translation>None: the site disputed no finding.</translation>
    </message>
    <message>
        <source>Réponse non enregistrée</source>
        <translation>Answer not saved</translation>
    </message>
    <message>
        <source>du représentant du site</source>
        <translation>site representative&apos;s</translation>
    </message>
    <message>
        <source>de l&apos;auditeur</source>
        <translation>auditor&apos;s</translation>
    </message>
    <message>
        <source>Signature manquante</source>
        <translation>Signature missing</translation>
    </message>
    <message>
        <source>La signature {0} est vide : signez dans son cadre.</source>
        <translation>The {0} signature is empty: sign in its box.</translation>
    </message>
    <message>
        <source>Réponses manquantes</source>
        <translation>Answers missing</translation>
    </message>
    <message>
        <source>{0} constat(s) n&apos;ont pas encore de réponse du site. Signer quand même ?</source>
        <translation>{0} finding(s) have no answer from the site yet. Sign anyway?</translation>
    </message>
    <message>
        <source>Signature non enregistrée</source>
        <translation>Signature not saved</translation>
    </message>
    <message>
        <source>(nom à saisir en haut de la page)</source>
        <translation>(name to be entered at the top of the page)</translation>
    </message>
    <message>
        <source>Nom : {0}</source>
        <translation>Name: {0}</translation>
    </message>
</context>
<context>
    <name>DivergenceBanner</name>
    <message>
        <source>Tout afficher</source>
        <translation>Show all</translation>
    </message>
    <message>
        <source>Ne plus filtrer sur un point divergent</source>
        <translation>Stop filtering on a diverging checkpoint</translation>
    </message>
    <message>
        <source>Points évalués différemment par deux auditeurs</source>
        <translation>Checkpoints assessed differently by two auditors</translation>
    </message>
    <message>
        <source>Clic ou Entrée : n&apos;afficher que les constats de ce point</source>
        <translation>Click or Enter: show only this checkpoint&apos;s findings</translation>
    </message>
    <message>
        <source>⚠ Deux auditeurs ont évalué différemment {0} point :</source>
        <translation>⚠ Two auditors assessed {0} checkpoint differently:</translation>
    </message>
    <message>
        <source>⚠ Deux auditeurs ont évalué différemment {0} points :</source>
        <translation>⚠ Two auditors assessed {0} checkpoints differently:</translation>
    </message>
</context>
<context>
    <name>DownloadDialog</name>
    <message>
        <source>Télécharger du serveur</source>
        <translation>Download from the server</translation>
    </message>
    <message>
        <source>Serveur : {0}
Destination : {1}</source>
        <translation>Server: {0}
Destination: {1}</translation>
    </message>
    <message>
        <source>Paquet</source>
        <translation>Package</translation>
    </message>
    <message>
        <source>Taille</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>Déposé le</source>
        <translation>Uploaded on</translation>
    </message>
    <message>
        <source>Ici</source>
        <translation>Here</translation>
    </message>
    <message>
        <source>Paquets sur le serveur</source>
        <translation>Packages on the server</translation>
    </message>
    <message>
        <source>État du téléchargement</source>
        <translation>Download status</translation>
    </message>
    <message>
        <source>&amp;Actualiser</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <source>&amp;Télécharger</source>
        <translation>&amp;Download</translation>
    </message>
    <message>
        <source>Fermer</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Lecture du dossier du serveur…</source>
        <translation>Reading the server folder…</translation>
    </message>
    <message>
        <source>✓ déjà là</source>
        <translation>✓ already here</translation>
    </message>
    <message>
        <source>{0} paquet(s) sur le serveur, {1} pas encore ici.</source>
        <translation>{0} package(s) on the server, {1} not here yet.</translation>
    </message>
    <message>
        <source>Aucun paquet sur le serveur.</source>
        <translation>No packages on the server.</translation>
    </message>
    <message>
        <source>Téléchargement…</source>
        <translation>Downloading…</translation>
    </message>
    <message>
        <source>{0} paquet(s) téléchargé(s) dans la boîte de réception.</source>
        <translation>{0} package(s) downloaded to the inbox.</translation>
    </message>
    <message>
        <source>Le téléchargement reprendra là où il s&apos;est arrêté au prochain essai.</source>
        <translation>The download will resume where it stopped at the next attempt.</translation>
    </message>
    <message>
        <source>Serveur d&apos;échange</source>
        <translation>Exchange server</translation>
    </message>
    <message>
        <source>Téléchargement annulé. Ce qui est déjà arrivé est conservé : il reprendra là où il s&apos;est arrêté au prochain essai.</source>
        <translation>Download cancelled. What has already arrived is kept: it will resume where it stopped at the next attempt.</translation>
    </message>
</context>
<context>
    <name>EvidenceStrip</name>
    <message>
        <source>Preuves du constat</source>
        <translation>Evidence for the finding</translation>
    </message>
    <message>
        <source>Photos…</source>
        <translation>Photos…</translation>
    </message>
    <message>
        <source>Document…</source>
        <translation>Document…</translation>
    </message>
    <message>
        <source>Coller</source>
        <translation>Paste</translation>
    </message>
    <message>
        <source>Légende…</source>
        <translation>Caption…</translation>
    </message>
    <message>
        <source>Retirer</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Ajouter des photos</source>
        <translation>Add photos</translation>
    </message>
    <message>
        <source>Ajouter un document</source>
        <translation>Add a document</translation>
    </message>
    <message>
        <source>Coller une image du presse-papiers</source>
        <translation>Paste an image from the clipboard</translation>
    </message>
    <message>
        <source>Modifier la légende de la preuve choisie</source>
        <translation>Edit the caption of the selected evidence</translation>
    </message>
    <message>
        <source>Retirer la preuve choisie</source>
        <translation>Remove the selected evidence</translation>
    </message>
    <message>
        <source>{0}
Prise le : {1}</source>
        <translation>{0}
Taken on: {1}</translation>
    </message>
    <message>
        <source>Ajout en cours : {0} fichier(s)…</source>
        <translation>Adding {0} file(s)…</translation>
    </message>
    <message>
        <source>Fichier refusé</source>
        <translation>File refused</translation>
    </message>
    <message>
        <source>Le constat et ses autres preuves sont intacts.</source>
        <translation>The finding and its other evidence are intact.</translation>
    </message>
    <message>
        <source>Rien à coller : le presse-papiers ne contient ni image ni fichier.</source>
        <translation>Nothing to paste: the clipboard holds neither an image nor a file.</translation>
    </message>
    <message>
        <source>image-collee.png</source>
        <translation>pasted-image.png</translation>
    </message>
    <message>
        <source>Légende</source>
        <translation>Caption</translation>
    </message>
    <message>
        <source>Légende de la preuve :</source>
        <translation>Evidence caption:</translation>
    </message>
    <message>
        <source>Retirer la preuve</source>
        <translation>Remove the evidence</translation>
    </message>
    <message>
        <source>Retirer cette preuve du constat ? Le fichier reste dans l&apos;espace de travail et le retrait est journalisé.</source>
        <translation>Remove this evidence from the finding? The file stays in the workspace and the removal is logged.</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>Ce document n&apos;est pas une image : {0}</source>
        <translation>This document is not an image: {0}</translation>
    </message>
</context>
<context>
    <name>ExportReportDialog</name>
    <message>
        <source>Exporter le rapport — {0}</source>
        <translation>Export the report — {0}</translation>
    </message>
    <message>
        <source>État de l&apos;export</source>
        <translation>Export status</translation>
    </message>
    <message>
        <source>&amp;Exporter…</source>
        <translation>&amp;Export…</translation>
    </message>
    <message>
        <source>Choisir où enregistrer le PDF, puis le construire</source>
        <translation>Choose where to save the PDF, then build it</translation>
    </message>
    <message>
        <source>Fermer</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>&amp;Sites à inclure</source>
        <translation>&amp;Sites to include</translation>
    </message>
    <message>
        <source>Sites à inclure dans le rapport</source>
        <translation>Sites to include in the report</translation>
    </message>
    <message>
        <source>Cochez ou décochez un site avec la barre d&apos;espace</source>
        <translation>Tick or untick a site with the space bar</translation>
    </message>
    <message>
        <source>&amp;Tout</source>
        <translation>&amp;All</translation>
    </message>
    <message>
        <source>Cocher tous les sites</source>
        <translation>Tick all sites</translation>
    </message>
    <message>
        <source>Au&amp;cun</source>
        <translation>&amp;None</translation>
    </message>
    <message>
        <source>Décocher tous les sites</source>
        <translation>Untick all sites</translation>
    </message>
    <message>
        <source>Contenu</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>Annexe de &amp;photos (photos en grand, en fin de rapport)</source>
        <translation>&amp;Photo annex (large photos, at the end of the report)</translation>
    </message>
    <message>
        <source>Annexe de photos</source>
        <translation>Photo annex</translation>
    </message>
    <message>
        <source> Mo</source>
        <translation> MB</translation>
    </message>
    <message>
        <source>Les photos sont réduites, ou laissées de côté, pour tenir dans cette taille</source>
        <translation>Photos are reduced, or left out, to fit within this size</translation>
    </message>
    <message>
        <source>Nos titres, libellés et phrases sont traduits ; les textes de la grille et les notes des auditeurs restent tels qu&apos;ils ont été saisis</source>
        <translation>Our headings, labels and sentences are translated; the grid texts and the auditors&apos; notes stay as they were entered</translation>
    </message>
    <message>
        <source>&amp;Langue du rapport :</source>
        <translation>Report &amp;language:</translation>
    </message>
    <message>
        <source>Langue du rapport</source>
        <translation>Report language</translation>
    </message>
    <message>
        <source>Taille &amp;maximale du PDF :</source>
        <translation>&amp;Maximum PDF size:</translation>
    </message>
    <message>
        <source>Taille maximale du PDF en mégaoctets</source>
        <translation>Maximum PDF size in megabytes</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Signature</translation>
    </message>
    <message>
        <source>Si&amp;gner le rapport</source>
        <translation>Si&amp;gn the report</translation>
    </message>
    <message>
        <source>Signer le rapport</source>
        <translation>Sign the report</translation>
    </message>
    <message>
        <source>&amp;Identité :</source>
        <translation>&amp;Identity:</translation>
    </message>
    <message>
        <source>Fichier d&apos;identité</source>
        <translation>Identity file</translation>
    </message>
    <message>
        <source>{0} site(s) sur {1}</source>
        <translation>{0} of {1} site(s)</translation>
    </message>
    <message>
        <source>Cochez au moins un site.</source>
        <translation>Tick at least one site.</translation>
    </message>
    <message>
        <source>Le rapport sera enregistré sans signature électronique.</source>
        <translation>The report will be saved without an electronic signature.</translation>
    </message>
    <message>
        <source>Choisissez le fichier d&apos;identité (.p12) qui signera le rapport.</source>
        <translation>Choose the identity file (.p12) that will sign the report.</translation>
    </message>
    <message>
        <source>La phrase de passe sera demandée une fois la mise en page terminée.</source>
        <translation>The passphrase will be asked for once the layout is finished.</translation>
    </message>
    <message>
        <source>Enregistrer le rapport</source>
        <translation>Save the report</translation>
    </message>
    <message>
        <source>{0}-rapport.pdf</source>
        <translation>{0}-report.pdf</translation>
    </message>
    <message>
        <source>Documents PDF (*.pdf)</source>
        <translation>PDF documents (*.pdf)</translation>
    </message>
    <message>
        <source>Construction du rapport…</source>
        <translation>Building the report…</translation>
    </message>
    <message>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Progression de l&apos;export</source>
        <translation>Export progress</translation>
    </message>
    <message>
        <source>{0}…</source>
        <translation>{0}…</translation>
    </message>
    <message>
        <source>Annulation en cours…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <source>Export annulé : aucun fichier n&apos;a été écrit.</source>
        <translation>Export cancelled: no file was written.</translation>
    </message>
    <message>
        <source>L&apos;export a échoué : aucun fichier n&apos;a été écrit.</source>
        <translation>The export failed: no file was written.</translation>
    </message>
    <message>
        <source>Export du rapport impossible</source>
        <translation>Could not export the report</translation>
    </message>
    <message>
        <source>{0} point(s) bloquent encore la signature (constats incomplets ou non renseignés : voir la Synthèse). Signer ce rapport quand même ?</source>
        <translation>{0} point(s) still block signing (incomplete or unanswered findings: see the Synthesis). Sign this report anyway?</translation>
    </message>
    <message>
        <source>Signature différée : des points bloquent encore.</source>
        <translation>Signing postponed: some points still block it.</translation>
    </message>
    <message>
        <source>Phrase de passe de l&apos;identité « {0} » :</source>
        <translation>Passphrase for the identity “{0}”:</translation>
    </message>
    <message>
        <source>Aucune phrase de passe saisie.</source>
        <translation>No passphrase entered.</translation>
    </message>
    <message>
        <source>Signature du rapport…</source>
        <translation>Signing the report…</translation>
    </message>
    <message>
        <source>La signature a échoué : {0}.</source>
        <translation>Signing failed: {0}.</translation>
    </message>
    <message>
        <source>Signature du rapport</source>
        <translation>Report signature</translation>
    </message>
    <message>
        <source>Le rapport est prêt, mais il n&apos;est pas signé.</source>
        <translation>The report is ready, but it is not signed.</translation>
    </message>
    <message>
        <source>Réessayer</source>
        <translation>Try again</translation>
    </message>
    <message>
        <source>Enregistrer sans signature</source>
        <translation>Save without signature</translation>
    </message>
    <message>
        <source>Abandonner l&apos;export</source>
        <translation>Abandon the export</translation>
    </message>
    <message>
        <source>Export abandonné : aucun fichier n&apos;a été écrit.</source>
        <translation>Export abandoned: no file was written.</translation>
    </message>
    <message>
        <source>Impossible d&apos;enregistrer « {0} » : {1}.</source>
        <translation>Could not save “{0}”: {1}.</translation>
    </message>
    <message>
        <source>Rapport enregistré</source>
        <translation>Report saved</translation>
    </message>
    <message>
        <source>Avertissements de l&apos;export</source>
        <translation>Export warnings</translation>
    </message>
    <message>
        <source>&amp;Ouvrir le PDF</source>
        <translation>&amp;Open the PDF</translation>
    </message>
    <message>
        <source>{0} pages, {1}.</source>
        <translation>{0} pages, {1}.</translation>
    </message>
    <message>
        <source>Rapport enregistré, non signé</source>
        <translation>Report saved, not signed</translation>
    </message>
    <message>
        <source>Rapport signé et enregistré</source>
        <translation>Report signed and saved</translation>
    </message>
    <message>
        <source>Signé par {0} (empreinte {1})</source>
        <translation>Signed by {0} (fingerprint {1})</translation>
    </message>
    <message>
        <source> le {0}.</source>
        <translation> on {0}.</translation>
    </message>
    <message>
        <source>Pour le contrôler : menu Rapport, « Vérifier un PDF signé… », avec le certificat (.pem) du signataire.</source>
        <translation>To check it: Report menu, “Verify a signed PDF…”, with the signer&apos;s certificate (.pem).</translation>
    </message>
    <message>
        <source>À vérifier dans le rapport ({0}) :</source>
        <translation>To check in the report ({0}):</translation>
    </message>
    <message>
        <source>Aucun avertissement : toutes les photos ont été reproduites.</source>
        <translation>No warnings: all photos were reproduced.</translation>
    </message>
    <message>
        <source>Ouvrir le PDF</source>
        <translation>Open the PDF</translation>
    </message>
    <message>
        <source>Aucune application n&apos;a pu ouvrir « {0} ». Ouvrez-le depuis le gestionnaire de fichiers.</source>
        <translation>No application could open “{0}”. Open it from the file manager.</translation>
    </message>
</context>
<context>
    <name>FindingPanel</name>
    <message>
        <source>{0} — raccourci : touche {1}</source>
        <translation>{0} — shortcut: key {1}</translation>
    </message>
    <message>
        <source>Mesure</source>
        <translation>Measure</translation>
    </message>
    <message>
        <source>non mesuré</source>
        <translation>not measured</translation>
    </message>
    <message>
        <source>Valeur mesurée</source>
        <translation>Measured value</translation>
    </message>
    <message>
        <source>Envoyé le</source>
        <translation>Sent on</translation>
    </message>
    <message>
        <source>Reçu le</source>
        <translation>Received on</translation>
    </message>
    <message>
        <source>Calculer le délai</source>
        <translation>Calculate the response time</translation>
    </message>
    <message>
        <source>Retenir le verdict proposé</source>
        <translation>Use the proposed verdict</translation>
    </message>
    <message>
        <source>Valeur</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>reçu le</source>
        <translation>received on</translation>
    </message>
    <message>
        <source>Constat, preuve observée, justification d&apos;un N/A…</source>
        <translation>Finding, evidence observed, justification for an N/A…</translation>
    </message>
    <message>
        <source>Note du constat</source>
        <translation>Note on the finding</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Choisissez un point de contrôle dans la liste.</source>
        <translation>Choose a checkpoint from the list.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Comment vérifier :&lt;/b&gt; {0}</source>
        <translation>&lt;b&gt;How to check:&lt;/b&gt; {0}</translation>
    </message>
    <message>
        <source>Réunion de clôture signée le {0} : les constats de ce site sont figés (le responsable peut reclasser en revue).</source>
        <translation>Closing meeting signed on {0}: the findings of this site are frozen (the lead may reclassify them in the review).</translation>
    </message>
    <message>
        <source>La grille exige une photo pour une non-conformité ici.</source>
        <translation>The grid requires a photo for a nonconformity here.</translation>
    </message>
    <message>
        <source>Mesure : {0}</source>
        <translation>Measure: {0}</translation>
    </message>
    <message>
        <source>Saisissez la valeur mesurée pour obtenir une proposition.</source>
        <translation>Enter the measured value to get a proposal.</translation>
    </message>
    <message>
        <source>Proposition : {0} — {1}</source>
        <translation>Proposal: {0} — {1}</translation>
    </message>
    <message>
        <source>Verdict {0}</source>
        <translation>Verdict {0}</translation>
    </message>
    <message>
        <source>effacé</source>
        <translation>cleared</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>Premier lancement — Audit Services Publics +</source>
        <translation>First run — Services Publics + Audit</translation>
    </message>
    <message>
        <source>&amp;Commencer</source>
        <translation>&amp;Start</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <source>Historique du constat</source>
        <translation>Finding history</translation>
    </message>
    <message>
        <source>Aucun historique.</source>
        <translation>No history.</translation>
    </message>
</context>
<context>
    <name>IdentityChoice</name>
    <message>
        <source>Choisissez un fichier d&apos;identité</source>
        <translation>Choose an identity file</translation>
    </message>
    <message>
        <source>Autre fichier…</source>
        <translation>Other file…</translation>
    </message>
    <message>
        <source>Choisir le fichier d&apos;identité</source>
        <translation>Choose the identity file</translation>
    </message>
    <message>
        <source>Identités PKCS#12 (*.p12 *.pfx);;Tous les fichiers (*)</source>
        <translation>PKCS#12 identities (*.p12 *.pfx);;All files (*)</translation>
    </message>
</context>
<context>
    <name>IdentityPage</name>
    <message>
        <source>Identité de signature</source>
        <translation>Signing identity</translation>
    </message>
    <message>
        <source>Elle signe vos rapports et vos paquets d&apos;audit. La phrase de passe la protège : elle vous sera demandée à chaque signature et ne peut pas être récupérée.</source>
        <translation>It signs your reports and your audit packages. The passphrase protects it: you will be asked for it at each signature, and it cannot be recovered.</translation>
    </message>
    <message>
        <source>C&amp;réer une identité (clé et certificat)</source>
        <translation>C&amp;reate an identity (key and certificate)</translation>
    </message>
    <message>
        <source>&amp;Importer un fichier .p12 fourni par l&apos;organisme</source>
        <translation>&amp;Import a .p12 file supplied by the certification body</translation>
    </message>
    <message>
        <source>Plus &amp;tard</source>
        <translation>&amp;Later</translation>
    </message>
    <message>
        <source>Fichier .p12 à importer</source>
        <translation>.p12 file to import</translation>
    </message>
    <message>
        <source>Parcourir…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>Phrase de passe</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>Phrase de passe, encore</source>
        <translation>Passphrase, again</translation>
    </message>
    <message>
        <source>Fichier :</source>
        <translation>File:</translation>
    </message>
    <message>
        <source>&amp;Phrase de passe :</source>
        <translation>&amp;Passphrase:</translation>
    </message>
    <message>
        <source>Encore une &amp;fois :</source>
        <translation>Con&amp;firm:</translation>
    </message>
    <message>
        <source>Identité à importer</source>
        <translation>Identity to import</translation>
    </message>
    <message>
        <source>Identités PKCS#12 (*.p12 *.pfx)</source>
        <translation>PKCS#12 identities (*.p12 *.pfx)</translation>
    </message>
    <message>
        <source>choisissez une phrase de passe d&apos;au moins 8 caractères</source>
        <translation>choose a passphrase of at least 8 characters</translation>
    </message>
    <message>
        <source>les deux phrases de passe diffèrent</source>
        <translation>the two passphrases differ</translation>
    </message>
    <message>
        <source>identite</source>
        <translation>identity</translation>
    </message>
    <message>
        <source>Identité : {0}</source>
        <translation>Identity: {0}</translation>
    </message>
    <message>
        <source>Identité prête. Empreinte : {0}</source>
        <translation>Identity ready. Fingerprint: {0}</translation>
    </message>
</context>
<context>
    <name>ImportPackageDialog</name>
    <message>
        <source>Importer un paquet</source>
        <translation>Import a package</translation>
    </message>
    <message>
        <source>Aucun paquet choisi</source>
        <translation>No package chosen</translation>
    </message>
    <message>
        <source>&amp;Choisir un paquet…</source>
        <translation>&amp;Choose a package…</translation>
    </message>
    <message>
        <source>&amp;Paquet :</source>
        <translation>&amp;Package:</translation>
    </message>
    <message>
        <source>Paquet à importer</source>
        <translation>Package to import</translation>
    </message>
    <message>
        <source>Résultat de la vérification</source>
        <translation>Verification result</translation>
    </message>
    <message>
        <source>Vérification</source>
        <translation>Verification</translation>
    </message>
    <message>
        <source>Signataire</source>
        <translation>Signatory</translation>
    </message>
    <message>
        <source>Empreinte SHA-256 du signataire</source>
        <translation>Signatory&apos;s SHA-256 fingerprint</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>Audit</translation>
    </message>
    <message>
        <source>Type de paquet</source>
        <translation>Package type</translation>
    </message>
    <message>
        <source>Créé le</source>
        <translation>Created on</translation>
    </message>
    <message>
        <source>Contenu</source>
        <translation>Contents</translation>
    </message>
    <message>
        <source>Vérification :</source>
        <translation>Verification:</translation>
    </message>
    <message>
        <source>Signataire :</source>
        <translation>Signatory:</translation>
    </message>
    <message>
        <source>Empreinte :</source>
        <translation>Fingerprint:</translation>
    </message>
    <message>
        <source>Audit :</source>
        <translation>Audit:</translation>
    </message>
    <message>
        <source>Type :</source>
        <translation>Type:</translation>
    </message>
    <message>
        <source>Créé le :</source>
        <translation>Created on:</translation>
    </message>
    <message>
        <source>Contenu :</source>
        <translation>Contents:</translation>
    </message>
    <message>
        <source>Résultat de l&apos;import</source>
        <translation>Import result</translation>
    </message>
    <message>
        <source>Ouvrir la &amp;revue des conflits</source>
        <translation>Open the conflict &amp;review</translation>
    </message>
    <message>
        <source>État de l&apos;import</source>
        <translation>Import status</translation>
    </message>
    <message>
        <source>&amp;Importer</source>
        <translation>&amp;Import</translation>
    </message>
    <message>
        <source>Fermer</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Choisissez un paquet (.spaudit) à importer.</source>
        <translation>Choose a package (.spaudit) to import.</translation>
    </message>
    <message>
        <source>Choisir le paquet à importer</source>
        <translation>Choose the package to import</translation>
    </message>
    <message>
        <source>Paquets d&apos;audit (*.spaudit);;Tous les fichiers (*)</source>
        <translation>Audit packages (*.spaudit);;All files (*)</translation>
    </message>
    <message>
        <source>Vérification en cours…</source>
        <translation>Verifying…</translation>
    </message>
    <message>
        <source>Vérification de {0}…</source>
        <translation>Verifying {0}…</translation>
    </message>
    <message>
        <source>Vérification annulée : rien n&apos;a été importé.</source>
        <translation>Verification cancelled: nothing was imported.</translation>
    </message>
    <message>
        <source>Paquet refusé : il ne sera pas importé</source>
        <translation>Package refused: it will not be imported</translation>
    </message>
    <message>
        <source>Demandez à l&apos;auditeur de renvoyer son paquet : il a pu être abîmé ou modifié en chemin.</source>
        <translation>Ask the auditor to send the package again: it may have been damaged or altered on the way.</translation>
    </message>
    <message>
        <source>Rien n&apos;a changé dans l&apos;espace de travail.</source>
        <translation>Nothing has changed in the workspace.</translation>
    </message>
    <message>
        <source>Intègre, signé par un membre de l&apos;équipe</source>
        <translation>Intact, signed by a team member</translation>
    </message>
    <message>
        <source>Signature et contenu vérifiés.</source>
        <translation>Signature and contents verified.</translation>
    </message>
    <message>
        <source>Intègre, mais signataire hors de l&apos;équipe</source>
        <translation>Intact, but signatory outside the team</translation>
    </message>
    <message>
        <source>Vérifiez l&apos;empreinte ci-dessous avec l&apos;auditeur avant d&apos;importer.</source>
        <translation>Check the fingerprint below with the auditor before importing.</translation>
    </message>
    <message>
        <source>{0} — déjà dans cet espace : le paquet y sera fusionné</source>
        <translation>{0} — already in this workspace: the package will be merged into it</translation>
    </message>
    <message>
        <source>{0} — nouvel audit pour cet espace</source>
        <translation>{0} — new audit for this workspace</translation>
    </message>
    <message>
        <source>Signataire hors de l&apos;équipe</source>
        <translation>Signatory outside the team</translation>
    </message>
    <message>
        <source>Ce paquet est signé par {0} &lt;{1}&gt;, qui n&apos;est pas dans l&apos;équipe de confiance de cet espace.

Empreinte SHA-256 du certificat :
{2}

Vérifiez cette empreinte avec l&apos;auditeur par téléphone (il la lit dans « auditor-app identity show »). Si elle est identique, importer le paquet ajoute ce certificat à l&apos;équipe, et c&apos;est noté au journal.

Importer le paquet et faire confiance à ce signataire ?</source>
        <translation>This package is signed by {0} &lt;{1}&gt;, who is not in this workspace&apos;s trusted team.

SHA-256 fingerprint of the certificate:
{2}

Check this fingerprint with the auditor by telephone (they can read it in “auditor-app identity show”). If it is identical, importing the package adds this certificate to the team, and this is recorded in the log.

Import the package and trust this signatory?</translation>
    </message>
    <message>
        <source>Import abandonné : rien n&apos;a changé.</source>
        <translation>Import abandoned: nothing has changed.</translation>
    </message>
    <message>
        <source>Import refusé : rien n&apos;a changé.</source>
        <translation>Import refused: nothing has changed.</translation>
    </message>
    <message>
        <source>Import du paquet impossible</source>
        <translation>Package could not be imported</translation>
    </message>
    <message>
        <source>L&apos;espace de travail n&apos;a pas été modifié.</source>
        <translation>The workspace has not been modified.</translation>
    </message>
    <message>
        <source>Déjà importé : rien à faire</source>
        <translation>Already imported: nothing to do</translation>
    </message>
    <message>
        <source>Paquet importé</source>
        <translation>Package imported</translation>
    </message>
    <message>
        <source>Signataire confirmé : il fait désormais partie de l&apos;équipe.</source>
        <translation>Signatory confirmed: they are now part of the team.</translation>
    </message>
    <message>
        <source>Fusionné dans l&apos;audit {0} :</source>
        <translation>Merged into audit {0}:</translation>
    </message>
    <message>
        <source>Ajouts : {0}</source>
        <translation>Added: {0}</translation>
    </message>
    <message>
        <source>Mises à jour : {0}</source>
        <translation>Updated: {0}</translation>
    </message>
    <message>
        <source>Conflits à arbitrer : {0}</source>
        <translation>Conflicts to resolve: {0}</translation>
    </message>
    <message>
        <source>Les deux versions de chaque conflit sont gardées : arbitrez-les dans l&apos;écran « Revue ».</source>
        <translation>Both versions of each conflict are kept: resolve them in the “Review” screen.</translation>
    </message>
    <message>
        <source>Une sauvegarde de l&apos;espace a été faite avant l&apos;import.</source>
        <translation>A backup of the workspace was made before the import.</translation>
    </message>
</context>
<context>
    <name>InboxModel</name>
    <message>
        <source>État</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Fichier</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Signataire</source>
        <translation>Signatory</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>Audit</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Créé le</source>
        <translation>Created on</translation>
    </message>
    <message>
        <source>Taille</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>Détail</source>
        <translation>Detail</translation>
    </message>
    <message>
        <source>De confiance</source>
        <translation>Trusted</translation>
    </message>
    <message>
        <source>Signataire inconnu</source>
        <translation>Unknown signatory</translation>
    </message>
    <message>
        <source>Invalide</source>
        <translation>Invalid</translation>
    </message>
    <message>
        <source>Déjà importé</source>
        <translation>Already imported</translation>
    </message>
    <message>
        <source>Empreinte : {0}</source>
        <translation>Fingerprint: {0}</translation>
    </message>
    <message>
        <source>Terrain</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Revue</source>
        <translation>Review</translation>
    </message>
</context>
<context>
    <name>InboxPage</name>
    <message>
        <source>Réception des paquets</source>
        <translation>Receiving packages</translation>
    </message>
    <message>
        <source>Les paquets de l&apos;équipe arrivent dans la boîte de réception (dossier synchronisé, ou téléchargés du serveur). Chacun est vérifié en entier avant d&apos;être proposé à l&apos;import : signature, empreinte de chaque fichier, contenu.</source>
        <translation>The team&apos;s packages arrive in the inbox (a synchronised folder, or downloaded from the server). Each one is fully verified before being offered for import: signature, fingerprint of each file, content.</translation>
    </message>
    <message>
        <source>Aucune boîte de réception réglée</source>
        <translation>No inbox set</translation>
    </message>
    <message>
        <source>Dossier de la boîte de réception</source>
        <translation>Inbox folder</translation>
    </message>
    <message>
        <source>&amp;Boîte de réception :</source>
        <translation>In&amp;box:</translation>
    </message>
    <message>
        <source>Choisir le dossier de la boîte de réception</source>
        <translation>Choose the inbox folder</translation>
    </message>
    <message>
        <source>Paquets de la boîte de réception</source>
        <translation>Packages in the inbox</translation>
    </message>
    <message>
        <source>Entrée importe le paquet sélectionné ; F5 actualise la liste</source>
        <translation>Enter imports the selected package; F5 refreshes the list</translation>
    </message>
    <message>
        <source>Détail du paquet sélectionné</source>
        <translation>Details of the selected package</translation>
    </message>
    <message>
        <source>Progression de la lecture</source>
        <translation>Reading progress</translation>
    </message>
    <message>
        <source>A&amp;rrêter</source>
        <translation>&amp;Stop</translation>
    </message>
    <message>
        <source>Arrêter la lecture de la boîte</source>
        <translation>Stop reading the inbox</translation>
    </message>
    <message>
        <source>Résumé de la boîte de réception</source>
        <translation>Inbox summary</translation>
    </message>
    <message>
        <source>Relire la boîte de réception (F5)</source>
        <translation>Reread the inbox (F5)</translation>
    </message>
    <message>
        <source>&amp;Télécharger du serveur…</source>
        <translation>&amp;Download from server…</translation>
    </message>
    <message>
        <source>Choisir le do&amp;ssier…</source>
        <translation>Choose the fo&amp;lder…</translation>
    </message>
    <message>
        <source>Ac&amp;tualiser</source>
        <translation>Re&amp;fresh</translation>
    </message>
    <message>
        <source>I&amp;mporter…</source>
        <translation>I&amp;mport…</translation>
    </message>
    <message>
        <source>Vérifier puis importer le paquet sélectionné</source>
        <translation>Verify then import the selected package</translation>
    </message>
    <message>
        <source>Actualiser</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Choisissez le dossier où arrivent les paquets de l&apos;équipe.</source>
        <translation>Choose the folder where the team&apos;s packages arrive.</translation>
    </message>
    <message>
        <source>Choisir la boîte de réception</source>
        <translation>Choose the inbox</translation>
    </message>
    <message>
        <source>Boîte de réception</source>
        <translation>Inbox</translation>
    </message>
    <message>
        <source>Lecture de la boîte de réception…</source>
        <translation>Reading the inbox…</translation>
    </message>
    <message>
        <source>Vérification de {0}…</source>
        <translation>Verifying {0}…</translation>
    </message>
    <message>
        <source>Lecture arrêtée : la liste n&apos;est peut-être pas complète.</source>
        <translation>Reading stopped: the list may be incomplete.</translation>
    </message>
    <message>
        <source>Aucun paquet dans la boîte de réception.</source>
        <translation>No packages in the inbox.</translation>
    </message>
    <message>
        <source>{0} de confiance</source>
        <translation>{0} trusted</translation>
    </message>
    <message>
        <source>{0} de signataire inconnu</source>
        <translation>{0} from an unknown signer</translation>
    </message>
    <message>
        <source>{0} invalide(s)</source>
        <translation>{0} invalid</translation>
    </message>
    <message>
        <source>{0} déjà importé(s)</source>
        <translation>{0} already imported</translation>
    </message>
    <message>
        <source>{0} paquet(s) : {1}.</source>
        <translation>{0} package(s): {1}.</translation>
    </message>
    <message>
        <source>Signé par {0}, empreinte {1}</source>
        <translation>Signed by {0}, fingerprint {1}</translation>
    </message>
</context>
<context>
    <name>JobHost</name>
    <message>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Progression</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>Annulation en cours…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <source>{0} — {1} sur {2}</source>
        <translation>{0} — {1} of {2}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Audit Services Publics +</source>
        <translation>Services Publics + Audit</translation>
    </message>
    <message>
        <source>Audits</source>
        <translation>Audits</translation>
    </message>
    <message>
        <source>Parcours</source>
        <translation>Walk-through</translation>
    </message>
    <message>
        <source>Tests mystère</source>
        <translation>Mystery tests</translation>
    </message>
    <message>
        <source>Enquêtes</source>
        <translation>Surveys</translation>
    </message>
    <message>
        <source>Synthèse</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>Réunion de clôture</source>
        <translation>Closing meeting</translation>
    </message>
    <message>
        <source>Revue</source>
        <translation>Review</translation>
    </message>
    <message>
        <source>Réception</source>
        <translation>Inbox</translation>
    </message>
    <message>
        <source>Navigation entre les écrans</source>
        <translation>Screen navigation</translation>
    </message>
    <message>
        <source>Ouverture de l&apos;espace de travail…</source>
        <translation>Opening the workspace…</translation>
    </message>
    <message>
        <source>Chargement</source>
        <translation>Loading</translation>
    </message>
    <message>
        <source>Aucune modification</source>
        <translation>No changes</translation>
    </message>
    <message>
        <source>État de l&apos;enregistrement</source>
        <translation>Save status</translation>
    </message>
    <message>
        <source>Annuler</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>Rétablir</source>
        <translation>Redo</translation>
    </message>
    <message>
        <source>&amp;Fichier</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;Quitter</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;Aller à</source>
        <translation>&amp;Go to</translation>
    </message>
    <message>
        <source>&amp;Langue – Language</source>
        <translation>&amp;Language – Langue</translation>
    </message>
    <message>
        <source>Langue de l&apos;interface</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <source>L&apos;interface sera en {0} au prochain démarrage.

Redémarrer l&apos;application maintenant ? Tout ce que vous avez saisi est déjà enregistré.</source>
        <translation>The interface will be in {0} at the next start.

Restart the application now? Everything you have entered is already saved.</translation>
    </message>
    <message>
        <source>&amp;Raccourcis clavier</source>
        <translation>&amp;Keyboard shortcuts</translation>
    </message>
    <message>
        <source>À &amp;propos</source>
        <translation>&amp;About</translation>
    </message>
    <message>
        <source>&amp;Rapport</source>
        <translation>&amp;Report</translation>
    </message>
    <message>
        <source>&amp;Exporter le rapport…</source>
        <translation>&amp;Export the report…</translation>
    </message>
    <message>
        <source>&amp;Vérifier un PDF signé…</source>
        <translation>&amp;Verify a signed PDF…</translation>
    </message>
    <message>
        <source>&amp;Envoyer le paquet…</source>
        <translation>&amp;Send the package…</translation>
    </message>
    <message>
        <source>&amp;Importer un paquet…</source>
        <translation>&amp;Import a package…</translation>
    </message>
    <message>
        <source>&amp;Réglages d&apos;envoi…</source>
        <translation>Sen&amp;ding settings…</translation>
    </message>
    <message>
        <source>É&amp;quipe de confiance…</source>
        <translation>&amp;Trusted team…</translation>
    </message>
    <message>
        <source>⚠ Dernière action refusée : rien n&apos;a changé</source>
        <translation>⚠ Last action refused: nothing changed</translation>
    </message>
    <message>
        <source>{0} — Audit Services Publics +</source>
        <translation>{0} — Services Publics + Audit</translation>
    </message>
    <message>
        <source>É&amp;dition</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>A&amp;ide</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>✔ Enregistré à {0}</source>
        <translation>✔ Saved at {0}</translation>
    </message>
</context>
<context>
    <name>MatrixLegend</name>
    <message>
        <source>Légende :</source>
        <translation>Key:</translation>
    </message>
</context>
<context>
    <name>MatrixModel</name>
    <message>
        <source>{0} {1} — {2} : aucun point attendu</source>
        <translation>{0} {1} — {2}: no checkpoint expected</translation>
    </message>
    <message>
        <source> ; </source>
        <translation>; </translation>
    </message>
</context>
<context>
    <name>MysteryPage</name>
    <message>
        <source>Tests mystère de l&apos;audit</source>
        <translation>The audit&apos;s mystery tests</translation>
    </message>
    <message>
        <source>Aucun test mystère pour l&apos;instant : saisissez le premier dans le formulaire.</source>
        <translation>No mystery tests yet: enter the first one in the form.</translation>
    </message>
    <message>
        <source>Verdicts proposés par le test sélectionné</source>
        <translation>Verdicts proposed by the selected test</translation>
    </message>
    <message>
        <source>Sélectionnez un test enregistré : ses mesures seront comparées aux seuils de la grille.</source>
        <translation>Select a saved test: its measurements will be compared with the grid&apos;s thresholds.</translation>
    </message>
    <message>
        <source>Ce test ne donne aucune mesure comparable à un seuil de la grille (sonneries, attente, délais de réponse).</source>
        <translation>This test gives no measurement comparable with a grid threshold (rings, waiting time, response times).</translation>
    </message>
    <message>
        <source>Abandonner la saisie ?</source>
        <translation>Discard the entry?</translation>
    </message>
    <message>
        <source>Le test en cours de saisie n&apos;est pas enregistré. L&apos;abandonner ?</source>
        <translation>The test being entered has not been saved. Discard it?</translation>
    </message>
    <message>
        <source>Test mystère incomplet</source>
        <translation>Incomplete mystery test</translation>
    </message>
    <message>
        <source>Verdict non appliqué</source>
        <translation>Verdict not applied</translation>
    </message>
    <message>
        <source>Remplacer le verdict ?</source>
        <translation>Replace the verdict?</translation>
    </message>
    <message>
        <source>Le constat {0} est déjà « {1} ». Le remplacer par « {2} » d&apos;après ce test ?</source>
        <translation>Finding {0} is already “{1}”. Replace it with “{2}” based on this test?</translation>
    </message>
</context>
<context>
    <name>MysteryTestForm</name>
    <message>
        <source>Type de test</source>
        <translation>Test type</translation>
    </message>
    <message>
        <source>Site testé</source>
        <translation>Site tested</translation>
    </message>
    <message>
        <source>Canal testé</source>
        <translation>Channel tested</translation>
    </message>
    <message>
        <source>Date et heure du test</source>
        <translation>Date and time of the test</translation>
    </message>
    <message>
        <source>Chronomètre du temps d&apos;attente</source>
        <translation>Waiting-time stopwatch</translation>
    </message>
    <message>
        <source>Compteur de sonneries</source>
        <translation>Ring counter</translation>
    </message>
    <message>
        <source>Répondu par un agent</source>
        <translation>Answered by a staff member</translation>
    </message>
    <message>
        <source>Agent identifié (nom ou service)</source>
        <translation>Staff member identified (name or department)</translation>
    </message>
    <message>
        <source>Réponse exacte sur le fond</source>
        <translation>Answer correct in substance</translation>
    </message>
    <message>
        <source>Envoyé le</source>
        <translation>Sent on</translation>
    </message>
    <message>
        <source>Accusé de réception le</source>
        <translation>Acknowledged on</translation>
    </message>
    <message>
        <source>Réponse reçue le</source>
        <translation>Reply received on</translation>
    </message>
    <message>
        <source>Délais calculés</source>
        <translation>Calculated response times</translation>
    </message>
    <message>
        <source>Note sur le test</source>
        <translation>Note on the test</translation>
    </message>
    <message>
        <source>Ce qui s&apos;est passé, mot pour mot si utile.</source>
        <translation>What happened, word for word if useful.</translation>
    </message>
    <message>
        <source>Enregistrer le test</source>
        <translation>Save test</translation>
    </message>
    <message>
        <source>Enregistrer le test mystère</source>
        <translation>Save the mystery test</translation>
    </message>
    <message>
        <source>Enregistrer (Ctrl+S)</source>
        <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
        <source>Nouveau test</source>
        <translation>New test</translation>
    </message>
    <message>
        <source>Commencer un nouveau test mystère</source>
        <translation>Start a new mystery test</translation>
    </message>
    <message>
        <source>&amp;Type</source>
        <translation>&amp;Type</translation>
    </message>
    <message>
        <source>&amp;Site</source>
        <translation>&amp;Site</translation>
    </message>
    <message>
        <source>&amp;Canal</source>
        <translation>&amp;Channel</translation>
    </message>
    <message>
        <source>Réalisé &amp;le</source>
        <translation>Carried out &amp;on</translation>
    </message>
    <message>
        <source>Sonneries</source>
        <translation>Rings</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>&amp;Note</translation>
    </message>
    <message>
        <source>Aucun site (organisation)</source>
        <translation>No site (organisation)</translation>
    </message>
    <message>
        <source>Nouveau test mystère</source>
        <translation>New mystery test</translation>
    </message>
    <message>
        <source>Test mystère du {0} — correction</source>
        <translation>Mystery test of {0} — editing</translation>
    </message>
    <message>
        <source>Test mystère repris — pas encore enregistré</source>
        <translation>Mystery test recovered — not saved yet</translation>
    </message>
    <message>
        <source>Attente avant
un agent</source>
        <translation>Wait before
reaching staff</translation>
    </message>
    <message>
        <source>Attente
au guichet</source>
        <translation>Wait
at the counter</translation>
    </message>
    <message>
        <source>Accusé de réception</source>
        <translation>Acknowledgement of receipt</translation>
    </message>
    <message>
        <source>Réponse</source>
        <translation>Response</translation>
    </message>
    <message>
        <source>{0} en {1} ({2} au calendrier)</source>
        <translation>{0} in {1} ({2} in all)</translation>
    </message>
    <message>
        <source>Alsace-Moselle ({0})</source>
        <translation>Alsace-Moselle ({0})</translation>
    </message>
    <message>
        <source>département {0}</source>
        <translation>department {0}</translation>
    </message>
    <message>
        <source>calendrier général</source>
        <translation>general calendar</translation>
    </message>
    <message>
        <source>Jours fériés exclus — {0} : {1}</source>
        <translation>Public holidays excluded — {0}: {1}</translation>
    </message>
    <message>
        <source>aucun</source>
        <translation>none</translation>
    </message>
    <message>
        <source>Cochez et datez l&apos;envoi puis la réponse : les délais s&apos;affichent ici en jours ouvrés et au calendrier.</source>
        <translation>Tick and date the sending, then the reply: the response times are shown here in working days and calendar days.</translation>
    </message>
</context>
<context>
    <name>MysteryTestModel</name>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Site</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Mesure</source>
        <translation>Measure</translation>
    </message>
    <message>
        <source>Verdict proposé</source>
        <translation>Proposed verdict</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
</context>
<context>
    <name>NewAuditWizard</name>
    <message>
        <source>Nouvel audit</source>
        <translation>New audit</translation>
    </message>
    <message>
        <source>&lt; &amp;Précédent</source>
        <translation>&lt; &amp;Back</translation>
    </message>
    <message>
        <source>&amp;Suivant &gt;</source>
        <translation>&amp;Next &gt;</translation>
    </message>
    <message>
        <source>&amp;Créer l&apos;audit</source>
        <translation>&amp;Create the audit</translation>
    </message>
    <message>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Commanditaire</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Référence</source>
        <translation>Reference</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>Dates</translation>
    </message>
    <message>
        <source>du {0} au {1}</source>
        <translation>from {0} to {1}</translation>
    </message>
    <message>
        <source>Niveau visé</source>
        <translation>Target level</translation>
    </message>
    <message>
        <source>Grille</source>
        <translation>Grid</translation>
    </message>
    <message>
        <source>Objectifs</source>
        <translation>Objectives</translation>
    </message>
    <message>
        <source>Périmètre</source>
        <translation>Scope</translation>
    </message>
    <message>
        <source>Équipe</source>
        <translation>Team</translation>
    </message>
    <message>
        <source> (responsable)</source>
        <translation> (lead auditor)</translation>
    </message>
    <message>
        <source>Sites ({0})</source>
        <translation>Sites ({0})</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;i&gt;{0} site(s) au calendrier d&apos;Alsace-Moselle&lt;/i&gt;</source>
        <translation>&lt;br&gt;&lt;i&gt;{0} site(s) on the Alsace-Moselle calendar&lt;/i&gt;</translation>
    </message>
    <message>
        <source>Canaux de l&apos;organisation</source>
        <translation>Organisation channels</translation>
    </message>
    <message>
        <source>aucun</source>
        <translation>none</translation>
    </message>
    <message>
        <source>Dispositifs d&apos;aide ({0})</source>
        <translation>Aid schemes ({0})</translation>
    </message>
    <message>
        <source>À évaluer</source>
        <translation>To be assessed</translation>
    </message>
    <message>
        <source>{0} constats à établir</source>
        <translation>{0} findings to establish</translation>
    </message>
    <message>
        <source>Création de l&apos;audit impossible</source>
        <translation>Cannot create the audit</translation>
    </message>
</context>
<context>
    <name>OptionalDate</name>
    <message>
        <source>{0} : date</source>
        <translation>{0}: date</translation>
    </message>
</context>
<context>
    <name>ProposalRow</name>
    <message>
        <source>{0} → proposé : {1}</source>
        <translation>{0} → proposed: {1}</translation>
    </message>
    <message>
        <source>Appliquer au constat</source>
        <translation>Apply to the finding</translation>
    </message>
    <message>
        <source>Appliquer au constat {0} : {1}</source>
        <translation>Apply to finding {0}: {1}</translation>
    </message>
    <message>
        <source>Voir le constat</source>
        <translation>View finding</translation>
    </message>
    <message>
        <source>Ouvrir le constat {0} dans le parcours</source>
        <translation>Open finding {0} in the walk-through</translation>
    </message>
    <message>
        <source>Aucun constat pour ce point sur ce site et ce canal.</source>
        <translation>No finding for this checkpoint at this site and on this channel.</translation>
    </message>
    <message>
        <source>Constat actuel : pas encore de verdict.</source>
        <translation>Current finding: no verdict yet.</translation>
    </message>
    <message>
        <source>Constat actuel : {0}, mesure appliquée.</source>
        <translation>Current finding: {0}, measure applied.</translation>
    </message>
    <message>
        <source>Constat actuel : {0}.</source>
        <translation>Current finding: {0}.</translation>
    </message>
</context>
<context>
    <name>RecordTableModel</name>
    <message>
        <source>Accueil</source>
        <translation>In person</translation>
    </message>
    <message>
        <source>Téléphone</source>
        <translation>Telephone</translation>
    </message>
    <message>
        <source>Courrier</source>
        <translation>Letter</translation>
    </message>
    <message>
        <source>Courriel</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Site web</source>
        <translation>Website</translation>
    </message>
    <message>
        <source>En ligne</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>oui</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>non</source>
        <translation>no</translation>
    </message>
    <message>
        <source>{0} : {1}</source>
        <translation>{0}: {1}</translation>
    </message>
</context>
<context>
    <name>ReviewModel</name>
    <message>
        <source>Site</source>
        <translation>Site</translation>
    </message>
    <message>
        <source>Point</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Canal</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Verdict</translation>
    </message>
    <message>
        <source>Auditeur</source>
        <translation>Auditor</translation>
    </message>
    <message>
        <source>Revue</source>
        <translation>Review</translation>
    </message>
    <message>
        <source>Conflit à arbitrer</source>
        <translation>Conflict to resolve</translation>
    </message>
    <message>
        <source>Évalué différemment par deux auditeurs</source>
        <translation>Assessed differently by two auditors</translation>
    </message>
    <message>
        <source>Dernier commentaire : {0}</source>
        <translation>Last comment: {0}</translation>
    </message>
    <message>
        <source>Modifié des deux côtés : à arbitrer dans l&apos;onglet « Conflits »</source>
        <translation>Modified on both sides: to be resolved in the “Conflicts” tab</translation>
    </message>
    <message>
        <source>Jugé conforme par un auditeur et non conforme par un autre</source>
        <translation>Judged conforming by one auditor and nonconforming by another</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>Ouvrez un audit pour revoir ses constats.</source>
        <translation>Open an audit to review its findings.</translation>
    </message>
    <message>
        <source>Parties de la revue</source>
        <translation>Parts of the review</translation>
    </message>
    <message>
        <source>Constats</source>
        <translation>Findings</translation>
    </message>
    <message>
        <source>Conflits</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <source>Critères × sites</source>
        <translation>Criteria × sites</translation>
    </message>
    <message>
        <source>Filtrer par site</source>
        <translation>Filter by site</translation>
    </message>
    <message>
        <source>Filtrer par engagement</source>
        <translation>Filter by engagement</translation>
    </message>
    <message>
        <source>Filtrer par verdict</source>
        <translation>Filter by verdict</translation>
    </message>
    <message>
        <source>Filtrer par auditeur</source>
        <translation>Filter by auditor</translation>
    </message>
    <message>
        <source>Filtrer par état de revue</source>
        <translation>Filter by review status</translation>
    </message>
    <message>
        <source>Nombre de constats affichés</source>
        <translation>Number of findings shown</translation>
    </message>
    <message>
        <source>Site :</source>
        <translation>Site:</translation>
    </message>
    <message>
        <source>Engagement :</source>
        <translation>Engagement:</translation>
    </message>
    <message>
        <source>Verdict :</source>
        <translation>Verdict:</translation>
    </message>
    <message>
        <source>Auditeur :</source>
        <translation>Auditor:</translation>
    </message>
    <message>
        <source>Revue :</source>
        <translation>Review:</translation>
    </message>
    <message>
        <source>Constats de l&apos;audit consolidé</source>
        <translation>Findings of the consolidated audit</translation>
    </message>
    <message>
        <source>Voir le conflit</source>
        <translation>View conflict</translation>
    </message>
    <message>
        <source>Voir le conflit de ce constat</source>
        <translation>View this finding&apos;s conflict</translation>
    </message>
    <message>
        <source>Ouvrir dans le parcours</source>
        <translation>Open in the walk-through</translation>
    </message>
    <message>
        <source>Ouvrir ce constat dans le parcours</source>
        <translation>Open this finding in the walk-through</translation>
    </message>
    <message>
        <source>Commentaire pour l&apos;auditeur</source>
        <translation>Comment for the auditor</translation>
    </message>
    <message>
        <source>Commentaire pour l&apos;auditeur (obligatoire pour demander des modifications ou commenter)</source>
        <translation>Comment for the auditor (required to request changes or to comment)</translation>
    </message>
    <message>
        <source>Accepter</source>
        <translation>Accept</translation>
    </message>
    <message>
        <source>Accepter le constat</source>
        <translation>Accept the finding</translation>
    </message>
    <message>
        <source>Demander des modifications</source>
        <translation>Request changes</translation>
    </message>
    <message>
        <source>Demander des modifications à l&apos;auditeur</source>
        <translation>Request changes from the auditor</translation>
    </message>
    <message>
        <source>Reclasser…</source>
        <translation>Reclassify…</translation>
    </message>
    <message>
        <source>Reclasser le constat</source>
        <translation>Reclassify the finding</translation>
    </message>
    <message>
        <source>Commenter</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>Commenter le constat</source>
        <translation>Comment on the finding</translation>
    </message>
    <message>
        <source>{0} — raccourci : {1}</source>
        <translation>{0} — shortcut: {1}</translation>
    </message>
    <message>
        <source>Valeur mesurée :</source>
        <translation>Measured value:</translation>
    </message>
    <message>
        <source>Note :</source>
        <translation>Note:</translation>
    </message>
    <message>
        <source>Preuves :</source>
        <translation>Evidence:</translation>
    </message>
    <message>
        <source>Commentaire :</source>
        <translation>Comment:</translation>
    </message>
    <message>
        <source>Historique</source>
        <translation>History</translation>
    </message>
    <message>
        <source>Conflits à arbitrer</source>
        <translation>Conflicts to resolve</translation>
    </message>
    <message>
        <source>Les deux versions côte à côte</source>
        <translation>The two versions side by side</translation>
    </message>
    <message>
        <source>Garder la version en place</source>
        <translation>Keep the current version</translation>
    </message>
    <message>
        <source>Prendre l&apos;autre version</source>
        <translation>Take the other version</translation>
    </message>
    <message>
        <source>Corriger…</source>
        <translation>Correct…</translation>
    </message>
    <message>
        <source>Corriger le verdict et la note</source>
        <translation>Correct the verdict and the note</translation>
    </message>
    <message>
        <source>La version écartée reste dans le journal ; votre choix y est noté avec son motif.</source>
        <translation>The discarded version stays in the log; your choice is recorded there with its reason.</translation>
    </message>
    <message>
        <source>Aucun conflit à arbitrer</source>
        <translation>No conflicts to resolve</translation>
    </message>
    <message>
        <source>Auditeur dont la matrice compte les points</source>
        <translation>Auditor whose points the matrix counts</translation>
    </message>
    <message>
        <source>Matrice critères × sites de toute l&apos;équipe</source>
        <translation>Criteria × sites matrix for the whole team</translation>
    </message>
    <message>
        <source>Tous</source>
        <translation>All</translation>
    </message>
    <message>
        <source>Organisation et dispositifs</source>
        <translation>Organisation and aid schemes</translation>
    </message>
    <message>
        <source>Revue impossible : {0}</source>
        <translation>Review impossible: {0}</translation>
    </message>
    <message>
        <source>Tous les auditeurs</source>
        <translation>All auditors</translation>
    </message>
    <message>
        <source>{0} constat</source>
        <translation>{0} finding</translation>
    </message>
    <message>
        <source>{0} constats</source>
        <translation>{0} findings</translation>
    </message>
    <message>
        <source>sur {0}</source>
        <translation>of {0}</translation>
    </message>
    <message>
        <source>(point {0}, {1})</source>
        <translation>(checkpoint {0}, {1})</translation>
    </message>
    <message>
        <source>Aucun constat ne correspond à ces filtres.</source>
        <translation>No finding matches these filters.</translation>
    </message>
    <message>
        <source>Aucun constat renseigné : importez les paquets de l&apos;équipe.</source>
        <translation>No findings recorded: import the team&apos;s packages.</translation>
    </message>
    <message>
        <source>Constats ({0})</source>
        <translation>Findings ({0})</translation>
    </message>
    <message>
        <source>Choisissez un constat dans la liste.</source>
        <translation>Choose a finding from the list.</translation>
    </message>
    <message>
        <source>{0} photo ou document</source>
        <translation>{0} photo or document</translation>
    </message>
    <message>
        <source>{0} photos ou documents</source>
        <translation>{0} photos or documents</translation>
    </message>
    <message>
        <source>Aucune</source>
        <translation>None</translation>
    </message>
    <message>
        <source>⚠ Modifié des deux côtés : conflit à arbitrer.</source>
        <translation>⚠ Changed on both sides: conflict to resolve.</translation>
    </message>
    <message>
        <source>≠ Deux auditeurs ont évalué ce point différemment : {0}</source>
        <translation>≠ Two auditors assessed this checkpoint differently: {0}</translation>
    </message>
    <message>
        <source>Nouveau verdict :</source>
        <translation>New verdict:</translation>
    </message>
    <message>
        <source>Justification :</source>
        <translation>Justification:</translation>
    </message>
    <message>
        <source>Revue non enregistrée</source>
        <translation>Review not saved</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Conflits ({0})</source>
        <translation>Conflicts ({0})</translation>
    </message>
    <message>
        <source>{0} — modifié des deux côtés</source>
        <translation>{0} — changed on both sides</translation>
    </message>
    <message>
        <source>Champ</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Version gardée ({0}, {1})</source>
        <translation>Version kept ({0}, {1})</translation>
    </message>
    <message>
        <source>Autre version ({0}, {1})</source>
        <translation>Other version ({0}, {1})</translation>
    </message>
    <message>
        <source>Autre version ({0})</source>
        <translation>Other version ({0})</translation>
    </message>
    <message>
        <source>Corriger le constat</source>
        <translation>Correct the finding</translation>
    </message>
    <message>
        <source>Conflit non arbitré</source>
        <translation>Conflict not resolved</translation>
    </message>
    <message>
        <source>Organisation et dispositifs d&apos;aide</source>
        <translation>Organisation and aid schemes</translation>
    </message>
    <message>
        <source>Choisissez une case pour voir son détail.</source>
        <translation>Choose a cell to see its details.</translation>
    </message>
</context>
<context>
    <name>RingCounter</name>
    <message>
        <source>Nombre de sonneries</source>
        <translation>Number of rings</translation>
    </message>
    <message>
        <source>+1 sonnerie</source>
        <translation>+1 ring</translation>
    </message>
    <message>
        <source>Compter une sonnerie</source>
        <translation>Count a ring</translation>
    </message>
    <message>
        <source>−1</source>
        <translation>−1</translation>
    </message>
    <message>
        <source>Retirer une sonnerie comptée en trop</source>
        <translation>Remove a ring counted by mistake</translation>
    </message>
    <message>
        <source>Remettre à zéro</source>
        <translation>Reset</translation>
    </message>
    <message>
        <source>Remettre le compteur de sonneries à zéro</source>
        <translation>Reset the ring counter to zero</translation>
    </message>
    <message>
        <source>sonnerie</source>
        <translation>ring</translation>
    </message>
    <message>
        <source>sonneries</source>
        <translation>rings</translation>
    </message>
</context>
<context>
    <name>SendPackageDialog</name>
    <message>
        <source>Envoyer le paquet — {0}</source>
        <translation>Send package — {0}</translation>
    </message>
    <message>
        <source>Le paquet contient l&apos;audit {0} (constats, photos, journal), signé avec votre identité : le responsable d&apos;audit vérifie qu&apos;il vient de vous et qu&apos;il est complet avant de l&apos;importer.</source>
        <translation>The package contains audit {0} (findings, photos, log), signed with your identity: the lead auditor checks that it comes from you and that it is complete before importing it.</translation>
    </message>
    <message>
        <source>État de l&apos;envoi</source>
        <translation>Sending status</translation>
    </message>
    <message>
        <source>&amp;Envoyer</source>
        <translation>&amp;Send</translation>
    </message>
    <message>
        <source>Fermer</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Signature</translation>
    </message>
    <message>
        <source>&amp;Identité :</source>
        <translation>&amp;Identity:</translation>
    </message>
    <message>
        <source>Fichier d&apos;identité</source>
        <translation>Identity file</translation>
    </message>
    <message>
        <source>La phrase de passe sera demandée au moment d&apos;envoyer.</source>
        <translation>The passphrase will be asked for when sending.</translation>
    </message>
    <message>
        <source>Contenu</source>
        <translation>Contents</translation>
    </message>
    <message>
        <source>Paquet de &amp;terrain : mes constats, pour le responsable</source>
        <translation>&amp;Field package: my findings, for the lead auditor</translation>
    </message>
    <message>
        <source>Paquet de re&amp;vue : la réponse du responsable à l&apos;équipe</source>
        <translation>Re&amp;view package: the lead auditor&apos;s reply to the team</translation>
    </message>
    <message>
        <source>&amp;Joindre un rapport signé</source>
        <translation>A&amp;ttach a signed report</translation>
    </message>
    <message>
        <source>Joindre un rapport signé</source>
        <translation>Attach a signed report</translation>
    </message>
    <message>
        <source>Aucun rapport choisi</source>
        <translation>No report chosen</translation>
    </message>
    <message>
        <source>Rapport à joindre</source>
        <translation>Report to attach</translation>
    </message>
    <message>
        <source>C&amp;hoisir…</source>
        <translation>C&amp;hoose…</translation>
    </message>
    <message>
        <source>Choisir le rapport à joindre</source>
        <translation>Choose the report to attach</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>Destination</translation>
    </message>
    <message>
        <source>Dans la boîte d&apos;envoi</source>
        <translation>In the outbox</translation>
    </message>
    <message>
        <source>Enregistrer &amp;sous… (choisir le fichier)</source>
        <translation>Save &amp;as… (choose the file)</translation>
    </message>
    <message>
        <source>&amp;Réglages d&apos;envoi…</source>
        <translation>Se&amp;nding settings…</translation>
    </message>
    <message>
        <source>Dans la &amp;boîte d&apos;envoi : {0}</source>
        <translation>In the &amp;outbox: {0}</translation>
    </message>
    <message>
        <source>Votre outil de synchronisation (dossier partagé, Nextcloud, OneDrive) transmet ensuite le paquet au responsable.</source>
        <translation>Your synchronisation tool (shared folder, Nextcloud, OneDrive) then passes the package on to the lead auditor.</translation>
    </message>
    <message>
        <source>Dans la &amp;boîte d&apos;envoi (non réglée)</source>
        <translation>In the &amp;outbox (not set)</translation>
    </message>
    <message>
        <source>Aucune boîte d&apos;envoi réglée : choisissez-la dans les réglages d&apos;envoi.</source>
        <translation>No outbox set: choose one in the sending settings.</translation>
    </message>
    <message>
        <source>Choisissez le fichier d&apos;identité (.p12) qui signera.</source>
        <translation>Choose the identity file (.p12) that will sign.</translation>
    </message>
    <message>
        <source>Choisissez le rapport signé à joindre.</source>
        <translation>Choose the signed report to attach.</translation>
    </message>
    <message>
        <source>Choisir le rapport signé à joindre</source>
        <translation>Choose the signed report to attach</translation>
    </message>
    <message>
        <source>Documents PDF (*.pdf)</source>
        <translation>PDF documents (*.pdf)</translation>
    </message>
    <message>
        <source>Enregistrer le paquet</source>
        <translation>Save the package</translation>
    </message>
    <message>
        <source>Paquets d&apos;audit (*.spaudit)</source>
        <translation>Audit packages (*.spaudit)</translation>
    </message>
    <message>
        <source>Signer le paquet</source>
        <translation>Sign the package</translation>
    </message>
    <message>
        <source>Phrase de passe de l&apos;identité « {0} » :</source>
        <translation>Passphrase for the identity “{0}”:</translation>
    </message>
    <message>
        <source>Envoi annulé : aucun paquet n&apos;a été écrit.</source>
        <translation>Sending cancelled: no package was written.</translation>
    </message>
    <message>
        <source>Aucun paquet n&apos;a été écrit.</source>
        <translation>No package was written.</translation>
    </message>
    <message>
        <source>Signature impossible</source>
        <translation>Signing failed</translation>
    </message>
    <message>
        <source>Écriture du paquet signé…</source>
        <translation>Writing the signed package…</translation>
    </message>
    <message>
        <source>Paquet déposé dans la boîte d&apos;envoi</source>
        <translation>Package placed in the outbox</translation>
    </message>
    <message>
        <source>Paquet enregistré</source>
        <translation>Package saved</translation>
    </message>
    <message>
        <source>{0}, {1}, audit {2}.</source>
        <translation>{0}, {1}, audit {2}.</translation>
    </message>
    <message>
        <source>Signé par {0} (empreinte {1}).</source>
        <translation>Signed by {0} (fingerprint {1}).</translation>
    </message>
    <message>
        <source>Votre outil de synchronisation le transmettra au responsable.</source>
        <translation>Your synchronisation tool will pass it on to the lead auditor.</translation>
    </message>
    <message>
        <source>Transmettez ce fichier au responsable d&apos;audit.</source>
        <translation>Pass this file on to the lead auditor.</translation>
    </message>
    <message>
        <source>Le serveur d&apos;échange est réglé : {0}</source>
        <translation>The exchange server is set: {0}</translation>
    </message>
    <message>
        <source>L&apos;envoi a échoué : aucun paquet n&apos;a été écrit.</source>
        <translation>Sending failed: no package was written.</translation>
    </message>
    <message>
        <source>Envoi du paquet impossible</source>
        <translation>Cannot send the package</translation>
    </message>
    <message>
        <source>Serveur d&apos;échange (WebDAV)</source>
        <translation>Exchange server (WebDAV)</translation>
    </message>
    <message>
        <source>Envoyer aussi au &amp;serveur</source>
        <translation>Also send to the se&amp;rver</translation>
    </message>
    <message>
        <source>État de l&apos;envoi au serveur</source>
        <translation>Server upload status</translation>
    </message>
    <message>
        <source>Ouvrir le &amp;dossier</source>
        <translation>Open the fol&amp;der</translation>
    </message>
    <message>
        <source>Ouvrir le dossier</source>
        <translation>Open the folder</translation>
    </message>
    <message>
        <source>Aucune application n&apos;a pu ouvrir « {0} ».</source>
        <translation>No application could open “{0}”.</translation>
    </message>
    <message>
        <source>Envoi au serveur…</source>
        <translation>Sending to the server…</translation>
    </message>
    <message>
        <source>&amp;Reprendre l&apos;envoi au serveur</source>
        <translation>&amp;Resume sending to the server</translation>
    </message>
    <message>
        <source>Le paquet reste dans la boîte d&apos;envoi ; l&apos;envoi au serveur reprendra là où il s&apos;est arrêté à la prochaine tentative.</source>
        <translation>The package stays in the outbox; sending to the server will resume where it stopped at the next attempt.</translation>
    </message>
    <message>
        <source>✔ Paquet envoyé au serveur ({0}) : le responsable peut le télécharger.</source>
        <translation>✔ Package sent to the server ({0}): the lead auditor can download it.</translation>
    </message>
    <message>
        <source>Envoi au serveur impossible</source>
        <translation>Cannot send to the server</translation>
    </message>
    <message>
        <source>Envoi au serveur annulé. Ce qui est déjà arrivé est conservé : il reprendra là où il s&apos;est arrêté à la prochaine tentative.</source>
        <translation>Sending to the server cancelled. What has already arrived is kept: it will resume where it stopped at the next attempt.</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>Action impossible</source>
        <translation>Action not possible</translation>
    </message>
    <message>
        <source>Vos saisies précédentes sont intactes.</source>
        <translation>Your previous entries are intact.</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Raccourcis clavier</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>Où</source>
        <translation>Where</translation>
    </message>
    <message>
        <source>Touches</source>
        <translation>Keys</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>&amp;Copier</source>
        <translation>&amp;Copy</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <source>Zone de signature</source>
        <translation>Signature area</translation>
    </message>
    <message>
        <source>Signez avec la souris, un stylet ou le doigt ; Entrée : signer en écrivant le nom au clavier ; Suppr efface la signature.</source>
        <translation>Sign with the mouse, a pen or a finger; Enter: sign by typing the name; Delete clears the signature.</translation>
    </message>
    <message>
        <source>Au clavier…</source>
        <translation>Keyboard…</translation>
    </message>
    <message>
        <source>Signer en écrivant le nom au clavier</source>
        <translation>Sign by typing the name</translation>
    </message>
    <message>
        <source>Effacer</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>Effacer la signature</source>
        <translation>Clear the signature</translation>
    </message>
    <message>
        <source>Signez au-dessus de la ligne</source>
        <translation>Sign above the line</translation>
    </message>
</context>
<context>
    <name>SitesPage</name>
    <message>
        <source>Les sites</source>
        <translation>Sites</translation>
    </message>
    <message>
        <source>Les lieux d&apos;accueil du public audités et leurs canaux. Saisissez-les, ou importez un fichier CSV ou Excel (colonnes Nom, Type, Département, Adresse, Canaux).</source>
        <translation>The public reception locations audited and their channels. Enter them, or import a CSV or Excel file (columns Name, Type, Department, Address, Channels).</translation>
    </message>
    <message>
        <source>Le département fixe le calendrier des jours ouvrés : en Moselle (57), dans le Bas-Rhin (67) et le Haut-Rhin (68), le calendrier d&apos;Alsace-Moselle ajoute le Vendredi saint et le 26 décembre aux jours fériés.</source>
        <translation>The department sets the calendar of working days: in Moselle (57), Bas-Rhin (67) and Haut-Rhin (68), the Alsace-Moselle calendar adds Good Friday and 26 December to the public holidays.</translation>
    </message>
    <message>
        <source>Nom *</source>
        <translation>Name *</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>siège, antenne, maison France services…</source>
        <translation>head office, branch, France Services centre…</translation>
    </message>
    <message>
        <source>Département</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>Numéro du département : 57, 67 et 68 suivent le calendrier d&apos;Alsace-Moselle</source>
        <translation>Department number: 57, 67 and 68 follow the Alsace-Moselle calendar</translation>
    </message>
    <message>
        <source>Adresse</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Sites de l&apos;audit</source>
        <translation>Audit sites</translation>
    </message>
    <message>
        <source>&amp;Ajouter un site</source>
        <translation>&amp;Add a site</translation>
    </message>
    <message>
        <source>&amp;Retirer le site</source>
        <translation>&amp;Remove the site</translation>
    </message>
    <message>
        <source>Aucun site pour l&apos;instant : « Ajouter un site » ou « Importer un fichier… ».</source>
        <translation>No sites yet: “Add a site” or “Import a file…”.</translation>
    </message>
    <message>
        <source>&amp;Importer un fichier…</source>
        <translation>&amp;Import a file…</translation>
    </message>
    <message>
        <source>Importer des sites d&apos;un fichier CSV ou Excel</source>
        <translation>Import sites from a CSV or Excel file</translation>
    </message>
    <message>
        <source>inconnu</source>
        <translation>unknown</translation>
    </message>
    <message>
        <source>Alsace-Moselle</source>
        <translation>Alsace-Moselle</translation>
    </message>
    <message>
        <source>Importer des sites</source>
        <translation>Import sites</translation>
    </message>
    <message>
        <source>Tableaux (*.csv *.xlsx);;Tous les fichiers (*)</source>
        <translation>Spreadsheets (*.csv *.xlsx);;All files (*)</translation>
    </message>
    <message>
        <source>Import en cours…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <source>Import des sites impossible</source>
        <translation>Could not import the sites</translation>
    </message>
    <message>
        <source>Ajoutez au moins un site.</source>
        <translation>Add at least one site.</translation>
    </message>
</context>
<context>
    <name>StartChoicePage</name>
    <message>
        <source>Pour commencer</source>
        <translation>Getting started</translation>
    </message>
    <message>
        <source>Découvrir l&apos;application sur l&apos;audit de &amp;démonstration</source>
        <translation>Discover the application with the &amp;demonstration audit</translation>
    </message>
    <message>
        <source>Créer un &amp;nouvel audit</source>
        <translation>Create a &amp;new audit</translation>
    </message>
    <message>
        <source>Aller à la liste des &amp;audits</source>
        <translation>Go to the list of &amp;audits</translation>
    </message>
    <message>
        <source>L&apos;aide (F1) présente les raccourcis clavier ; vos réglages restent modifiables.</source>
        <translation>Help (F1) presents the keyboard shortcuts; your settings can still be changed.</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>Audits de l&apos;espace de travail</source>
        <translation>Audits in the workspace</translation>
    </message>
    <message>
        <source>Dossier de l&apos;espace de travail</source>
        <translation>Workspace folder</translation>
    </message>
    <message>
        <source>Filtrer par référence, organisation, statut…</source>
        <translation>Filter by reference, organisation, status…</translation>
    </message>
    <message>
        <source>Filtrer les audits</source>
        <translation>Filter the audits</translation>
    </message>
    <message>
        <source>Liste des audits</source>
        <translation>List of audits</translation>
    </message>
    <message>
        <source>&amp;Ouvrir</source>
        <translation>&amp;Open</translation>
    </message>
    <message>
        <source>Ouvrir l&apos;audit choisi (Entrée)</source>
        <translation>Open the selected audit (Enter)</translation>
    </message>
    <message>
        <source>&amp;Nouvel audit…</source>
        <translation>&amp;New audit…</translation>
    </message>
    <message>
        <source>&amp;Cloner…</source>
        <translation>&amp;Clone…</translation>
    </message>
    <message>
        <source>Préparer le cycle suivant à partir de l&apos;audit choisi</source>
        <translation>Prepare the next cycle from the selected audit</translation>
    </message>
    <message>
        <source>Aucun audit dans cet espace de travail</source>
        <translation>No audits in this workspace</translation>
    </message>
    <message>
        <source>Créez votre premier audit : l&apos;assistant demande l&apos;organisation, l&apos;équipe, les sites et les dispositifs d&apos;aide.
Pour découvrir l&apos;application, ouvrez l&apos;audit de démonstration : une région fictive, 21 sites, un audit à moitié réalisé.</source>
        <translation>Create your first audit: the wizard asks for the organisation, the team, the sites and the aid schemes.
To discover the application, open the demonstration audit: a fictitious region, 21 sites, an audit half completed.</translation>
    </message>
    <message>
        <source>Ouvrir la &amp;démonstration</source>
        <translation>Open the &amp;demonstration</translation>
    </message>
    <message>
        <source>Liste des audits indisponible</source>
        <translation>Audit list unavailable</translation>
    </message>
    <message>
        <source>Cloner l&apos;audit {0}</source>
        <translation>Clone audit {0}</translation>
    </message>
    <message>
        <source>Référence du nouvel audit (cycle suivant) :</source>
        <translation>Reference of the new audit (next cycle):</translation>
    </message>
    <message>
        <source>La référence « {0} » est vide ou déjà prise par un autre audit de cet espace de travail. Choisissez-en une autre.</source>
        <translation>The reference “{0}” is empty or already used by another audit in this workspace. Choose another one.</translation>
    </message>
    <message>
        <source>Reprendre les observations de {0} dans {1} ?

Oui : chaque constat garde sa note et ses photos ; l&apos;ancien verdict reste visible comme « verdict précédent ».
Non : un audit vierge, avec les mêmes sites et dispositifs d&apos;aide.

Dans les deux cas, aucun verdict n&apos;est repris et le nouvel audit est un brouillon.</source>
        <translation>Carry over the observations from {0} into {1}?

Yes: each finding keeps its note and its photos; the old verdict remains visible as “previous verdict”.
No: a blank audit, with the same sites and aid schemes.

In both cases, no verdict is carried over and the new audit is a draft.</translation>
    </message>
    <message>
        <source>Préparation de l&apos;audit de démonstration…</source>
        <translation>Preparing the demonstration audit…</translation>
    </message>
    <message>
        <source>Démonstration</source>
        <translation>Demonstration</translation>
    </message>
    <message>
        <source>Préparation de l&apos;audit de démonstration : {0} {1}/{2}</source>
        <translation>Preparing the demonstration audit: {0} {1}/{2}</translation>
    </message>
    <message>
        <source>Démonstration indisponible</source>
        <translation>Demonstration unavailable</translation>
    </message>
</context>
<context>
    <name>Stopwatch</name>
    <message>
        <source>Temps écoulé</source>
        <translation>Elapsed time</translation>
    </message>
    <message>
        <source>Démarrer ou arrêter le chronomètre</source>
        <translation>Start or stop the stopwatch</translation>
    </message>
    <message>
        <source>Remettre à zéro</source>
        <translation>Reset</translation>
    </message>
    <message>
        <source>Remettre le chronomètre à zéro</source>
        <translation>Reset the stopwatch</translation>
    </message>
    <message>
        <source>■ Arrêter</source>
        <translation>■ Stop</translation>
    </message>
    <message>
        <source>▶ Reprendre</source>
        <translation>▶ Resume</translation>
    </message>
    <message>
        <source>▶ Démarrer</source>
        <translation>▶ Start</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <source>Récapitulatif</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>Vérifiez avant de créer l&apos;audit ; « Précédent » permet de corriger.</source>
        <translation>Check before creating the audit; “Back” lets you make corrections.</translation>
    </message>
    <message>
        <source>Récapitulatif de l&apos;audit</source>
        <translation>Audit summary</translation>
    </message>
</context>
<context>
    <name>SurveyModel</name>
    <message>
        <source>Question</source>
        <translation>Question</translation>
    </message>
    <message>
        <source>Satisfaits</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <source>Neutres</source>
        <translation>Neutral</translation>
    </message>
    <message>
        <source>Insatisfaits</source>
        <translation>Dissatisfied</translation>
    </message>
    <message>
        <source>Part de satisfaits (IC 95 %)</source>
        <translation>Share satisfied (95% CI)</translation>
    </message>
    <message>
        <source>Taux net (IC 95 %)</source>
        <translation>Net rate (95% CI)</translation>
    </message>
    <message>
        <source>Intervalle et référence</source>
        <translation>Interval and reference</translation>
    </message>
</context>
<context>
    <name>SurveysPage</name>
    <message>
        <source>Enquêtes de satisfaction</source>
        <translation>Satisfaction surveys</translation>
    </message>
    <message>
        <source>Aucune question dans cette enquête : ajoutez la première ci-dessous, puis saisissez ses effectifs.</source>
        <translation>No questions in this survey: add the first one below, then enter its counts.</translation>
    </message>
    <message>
        <source>La question « {0} » est comparée à la référence nationale.</source>
        <translation>The question “{0}” is compared with the national reference.</translation>
    </message>
    <message>
        <source>Saisissez pour chaque question le nombre de répondants satisfaits, neutres et insatisfaits (double-clic, F2 ou un chiffre). Chaque effectif est enregistré dès la fin de sa saisie. IC 95 % : intervalle de confiance à 95 %.</source>
        <translation>For each question, enter the number of satisfied, neutral and dissatisfied respondents (double-click, F2 or type a digit). Each count is saved as soon as it is entered. 95% CI: 95% confidence interval.</translation>
    </message>
    <message>
        <source>Question sélectionnée</source>
        <translation>Selected question</translation>
    </message>
    <message>
        <source>Part de satisfaits : intervalle et référence</source>
        <translation>Share satisfied: interval and reference</translation>
    </message>
    <message>
        <source>Taux net : intervalle et référence</source>
        <translation>Net rate: interval and reference</translation>
    </message>
    <message>
        <source>Texte de la nouvelle question</source>
        <translation>Text of the new question</translation>
    </message>
    <message>
        <source>Texte de la question, tel que posé</source>
        <translation>Text of the question, as asked</translation>
    </message>
    <message>
        <source>&amp;Nouvelle question :</source>
        <translation>&amp;New question:</translation>
    </message>
    <message>
        <source>Enquête usagers</source>
        <translation>User survey</translation>
    </message>
    <message>
        <source>Enquête agents</source>
        <translation>Staff survey</translation>
    </message>
    <message>
        <source>{0} ({1})</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <source>Ajouter à l&apos;enquête usagers</source>
        <translation>Add to the user survey</translation>
    </message>
    <message>
        <source>Ajouter à l&apos;enquête agents</source>
        <translation>Add to the staff survey</translation>
    </message>
    <message>
        <source>Sélectionnez une question pour voir ses indicateurs et la référence nationale.</source>
        <translation>Select a question to see its indicators and the national reference.</translation>
    </message>
    <message>
        <source>Référence nationale : {0}.</source>
        <translation>National reference: {0}.</translation>
    </message>
    <message>
        <source>La référence nationale (69 % de satisfaits) ne vaut que pour la question de satisfaction globale de l&apos;enquête usagers.</source>
        <translation>The national reference (69% satisfied) applies only to the overall satisfaction question of the user survey.</translation>
    </message>
</context>
<context>
    <name>SyncSettingsDialog</name>
    <message>
        <source>Réglages d&apos;envoi</source>
        <translation>Sending settings</translation>
    </message>
    <message>
        <source>Les paquets passent par des dossiers que votre outil de synchronisation (dossier partagé, Nextcloud, OneDrive) garde à jour entre les ordinateurs : l&apos;auditeur dépose son paquet dans sa boîte d&apos;envoi, le responsable le trouve dans sa boîte de réception. Un serveur WebDAV peut aussi servir d&apos;échange.</source>
        <translation>Packages travel through folders that your synchronisation tool (shared folder, Nextcloud, OneDrive) keeps up to date between computers: the auditor drops their package in their outbox, the lead auditor finds it in their inbox. A WebDAV server can also be used for the exchange.</translation>
    </message>
    <message>
        <source>https://serveur/remote.php/dav/files/utilisateur/Audits/</source>
        <translation>https://server/remote.php/dav/files/user/Audits/</translation>
    </message>
    <message>
        <source>Parcourir…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>Choisir la boîte d&apos;envoi</source>
        <translation>Choose the outbox</translation>
    </message>
    <message>
        <source>Choisir la boîte de réception</source>
        <translation>Choose the inbox</translation>
    </message>
    <message>
        <source>Dossiers synchronisés</source>
        <translation>Synchronised folders</translation>
    </message>
    <message>
        <source>Boîte d&apos;&amp;envoi :</source>
        <translation>&amp;Outbox:</translation>
    </message>
    <message>
        <source>Boîte d&apos;envoi (auditeur de terrain)</source>
        <translation>Outbox (field auditor)</translation>
    </message>
    <message>
        <source>Boîte de &amp;réception :</source>
        <translation>&amp;Inbox:</translation>
    </message>
    <message>
        <source>Boîte de réception (responsable d&apos;audit)</source>
        <translation>Inbox (lead auditor)</translation>
    </message>
    <message>
        <source>Serveur d&apos;échange WebDAV (facultatif)</source>
        <translation>WebDAV exchange server (optional)</translation>
    </message>
    <message>
        <source>&amp;Adresse du dossier :</source>
        <translation>Folder &amp;address:</translation>
    </message>
    <message>
        <source>Adresse du dossier WebDAV</source>
        <translation>WebDAV folder address</translation>
    </message>
    <message>
        <source>&amp;Utilisateur :</source>
        <translation>&amp;User:</translation>
    </message>
    <message>
        <source>Utilisateur du serveur WebDAV</source>
        <translation>WebDAV server user</translation>
    </message>
    <message>
        <source>Le mot de passe n&apos;est jamais enregistré : il est demandé au premier envoi.</source>
        <translation>The password is never saved: it is asked for on the first send.</translation>
    </message>
    <message>
        <source>&amp;Enregistrer</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Choisir le dossier</source>
        <translation>Choose the folder</translation>
    </message>
    <message>
        <source>Réglages non enregistrés</source>
        <translation>Settings not saved</translation>
    </message>
</context>
<context>
    <name>SynthesisPage</name>
    <message>
        <source>Niveau proposé</source>
        <translation>Proposed level</translation>
    </message>
    <message>
        <source>Voir les points bloquants</source>
        <translation>View the blocking items</translation>
    </message>
    <message>
        <source>Engagement</source>
        <translation>Engagement</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Site</translation>
    </message>
    <message>
        <source>Parties de la synthèse</source>
        <translation>Summary sections</translation>
    </message>
    <message>
        <source>Résultats par engagement</source>
        <translation>Results by engagement</translation>
    </message>
    <message>
        <source>Résultats par site</source>
        <translation>Results by site</translation>
    </message>
    <message>
        <source>Par engagement</source>
        <translation>By engagement</translation>
    </message>
    <message>
        <source>Par site</source>
        <translation>By site</translation>
    </message>
    <message>
        <source>Critères × sites</source>
        <translation>Criteria × sites</translation>
    </message>
    <message>
        <source>Règle du niveau proposé</source>
        <translation>Rule of the proposed level</translation>
    </message>
    <message>
        <source>Indicateurs d&apos;enquête</source>
        <translation>Survey indicators</translation>
    </message>
    <message>
        <source>Enquête usagers</source>
        <translation>User survey</translation>
    </message>
    <message>
        <source>Avant signature</source>
        <translation>Before signing</translation>
    </message>
    <message>
        <source>Ouvrez un audit pour voir sa synthèse.</source>
        <translation>Open an audit to see its summary.</translation>
    </message>
    <message>
        <source>Matrice critères × sites</source>
        <translation>Criteria × sites matrix</translation>
    </message>
    <message>
        <source>Choisissez une case pour voir son détail.</source>
        <translation>Choose a cell to see its details.</translation>
    </message>
    <message>
        <source>Type de point bloquant à afficher</source>
        <translation>Type of blocking item to show</translation>
    </message>
    <message>
        <source>&amp;Ouvrir le constat</source>
        <translation>&amp;Open the finding</translation>
    </message>
    <message>
        <source>Ouvrir le constat dans le parcours</source>
        <translation>Open the finding in the walk-through</translation>
    </message>
    <message>
        <source>Points qui bloquent la signature</source>
        <translation>Items that block signing</translation>
    </message>
    <message>
        <source>Rien ne bloque la signature du rapport.</source>
        <translation>Nothing blocks signing the report.</translation>
    </message>
    <message>
        <source>Entrée ou double-clic : ouvrir le constat dans le parcours pour le corriger.</source>
        <translation>Enter or double-click: open the finding in the walk-through to correct it.</translation>
    </message>
    <message>
        <source>Afficher :</source>
        <translation>Show:</translation>
    </message>
    <message>
        <source>Synthèse impossible : {0}</source>
        <translation>Summary unavailable: {0}</translation>
    </message>
    <message>
        <source>Synthèse</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>Synthèse — {0}</source>
        <translation>Summary — {0}</translation>
    </message>
    <message>
        <source>{0} · grille {1} · statut : {2} · {3} sites · {4} constats renseignés sur {5} ({6}) · conformité {7} · {8} photos · {9} tests mystère</source>
        <translation>{0} · grid {1} · status: {2} · {3} sites · {4} of {5} findings assessed ({6}) · conformity {7} · {8} photos · {9} mystery tests</translation>
    </message>
    <message>
        <source>Niveau visé : {0}.</source>
        <translation>Target level: {0}.</translation>
    </message>
    <message>
        <source>{0} points bloquent la signature</source>
        <translation>{0} items block signing</translation>
    </message>
    <message>
        <source>1 point bloque la signature</source>
        <translation>1 item blocks signing</translation>
    </message>
    <message>
        <source>Rien ne bloque la signature</source>
        <translation>Nothing blocks signing</translation>
    </message>
    <message>
        <source>Avant signature ({0})</source>
        <translation>Before signing ({0})</translation>
    </message>
    <message>
        <source>Organisation et dispositifs d&apos;aide</source>
        <translation>Organisation and aid schemes</translation>
    </message>
    <message>
        <source>atteint</source>
        <translation>reached</translation>
    </message>
    <message>
        <source>non atteint</source>
        <translation>not reached</translation>
    </message>
    <message>
        <source>respectée</source>
        <translation>met</translation>
    </message>
    <message>
        <source>non respectée</source>
        <translation>not met</translation>
    </message>
    <message>
        <source>{0} &lt;b&gt;{1}&lt;/b&gt; ({2}) : {3}</source>
        <translation>{0} &lt;b&gt;{1}&lt;/b&gt; ({2}): {3}</translation>
    </message>
    <message>
        <source>règle publiée</source>
        <translation>published rule</translation>
    </message>
    <message>
        <source>règle par défaut de l&apos;application, modifiable dans la grille</source>
        <translation>the app&apos;s default rule, editable in the grid</translation>
    </message>
    <message>
        <source>Règle appliquée ({0}) :</source>
        <translation>Rule applied ({0}):</translation>
    </message>
    <message>
        <source>Aucune enquête usagers saisie : renseignez-la dans « Enquêtes ».</source>
        <translation>No user survey entered: fill it in under “Surveys”.</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Question</translation>
    </message>
    <message>
        <source>Part de satisfaits (IC 95 %)</source>
        <translation>Share satisfied (95% CI)</translation>
    </message>
    <message>
        <source>Comparaison à la référence nationale</source>
        <translation>Comparison with the national reference</translation>
    </message>
    <message>
        <source>Tous les points bloquants ({0})</source>
        <translation>All blocking items ({0})</translation>
    </message>
</context>
<context>
    <name>TallyTableModel</name>
    <message>
        <source>Renseignés</source>
        <translation>Assessed</translation>
    </message>
    <message>
        <source>Avancement</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>Conformité</source>
        <translation>Conformity</translation>
    </message>
    <message>
        <source>NC majeures</source>
        <translation>Major NCs</translation>
    </message>
    <message>
        <source>NC mineures</source>
        <translation>Minor NCs</translation>
    </message>
    <message>
        <source>Points sensibles</source>
        <translation>Areas of concern</translation>
    </message>
</context>
<context>
    <name>TeamDialog</name>
    <message>
        <source>Équipe de confiance</source>
        <translation>Trusted team</translation>
    </message>
    <message>
        <source>Les paquets signés par ces auditeurs s&apos;importent sans question. Un paquet signé par quelqu&apos;un d&apos;autre demande de vérifier l&apos;empreinte de son certificat.</source>
        <translation>Packages signed by these auditors are imported without questions. A package signed by anyone else requires checking the fingerprint of their certificate.</translation>
    </message>
    <message>
        <source>Nom</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Adresse électronique</source>
        <translation>E-mail address</translation>
    </message>
    <message>
        <source>Empreinte (début)</source>
        <translation>Fingerprint (start)</translation>
    </message>
    <message>
        <source>Membres de l&apos;équipe de confiance</source>
        <translation>Trusted team members</translation>
    </message>
    <message>
        <source>Empreinte complète</source>
        <translation>Full fingerprint</translation>
    </message>
    <message>
        <source>Origine du certificat</source>
        <translation>Certificate origin</translation>
    </message>
    <message>
        <source>Empreinte :</source>
        <translation>Fingerprint:</translation>
    </message>
    <message>
        <source>Ajouté :</source>
        <translation>Added:</translation>
    </message>
    <message>
        <source>Ajouter un &amp;certificat (.pem)…</source>
        <translation>Add a &amp;certificate (.pem)…</translation>
    </message>
    <message>
        <source>Ajouter le signataire d&apos;un &amp;paquet…</source>
        <translation>Add the signer of a &amp;package…</translation>
    </message>
    <message>
        <source>&amp;Retirer…</source>
        <translation>&amp;Remove…</translation>
    </message>
    <message>
        <source>Retirer le membre sélectionné</source>
        <translation>Remove the selected member</translation>
    </message>
    <message>
        <source>État de l&apos;équipe</source>
        <translation>Team status</translation>
    </message>
    <message>
        <source>Fermer</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Personne dans l&apos;équipe pour l&apos;instant.</source>
        <translation>Nobody in the team yet.</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Certificat refusé</source>
        <translation>Certificate rejected</translation>
    </message>
    <message>
        <source>{0} fait partie de l&apos;équipe.</source>
        <translation>{0} is in the team.</translation>
    </message>
    <message>
        <source>Ajouter le certificat d&apos;un auditeur</source>
        <translation>Add an auditor&apos;s certificate</translation>
    </message>
    <message>
        <source>Certificats (*.pem *.crt *.cer);;Tous les fichiers (*)</source>
        <translation>Certificates (*.pem *.crt *.cer);;All files (*)</translation>
    </message>
    <message>
        <source>Certificat illisible</source>
        <translation>Unreadable certificate</translation>
    </message>
    <message>
        <source>Impossible de lire « {0} » : {1}.</source>
        <translation>Cannot read “{0}”: {1}.</translation>
    </message>
    <message>
        <source>Ajouter le signataire d&apos;un paquet</source>
        <translation>Add the signer of a package</translation>
    </message>
    <message>
        <source>Paquets d&apos;audit (*.spaudit);;Tous les fichiers (*)</source>
        <translation>Audit packages (*.spaudit);;All files (*)</translation>
    </message>
    <message>
        <source>Vérification de {0}…</source>
        <translation>Checking {0}…</translation>
    </message>
    <message>
        <source>Faire confiance à ce signataire ?</source>
        <translation>Trust this signer?</translation>
    </message>
    <message>
        <source>Le paquet est intègre et signé par {0} &lt;{1}&gt;.

Empreinte SHA-256 :
{2}

Vérifiez cette empreinte avec l&apos;auditeur par téléphone avant de l&apos;ajouter à l&apos;équipe.</source>
        <translation>The package is intact and signed by {0} &lt;{1}&gt;.

SHA-256 fingerprint:
{2}

Check this fingerprint with the auditor by telephone before adding them to the team.</translation>
    </message>
    <message>
        <source>paquet {0}</source>
        <translation>package {0}</translation>
    </message>
    <message>
        <source>Paquet refusé</source>
        <translation>Package rejected</translation>
    </message>
    <message>
        <source>Retirer de l&apos;équipe</source>
        <translation>Remove from the team</translation>
    </message>
    <message>
        <source>Retirer {0} de l&apos;équipe de confiance ?

Ses prochains paquets demanderont de vérifier l&apos;empreinte de son certificat. Ce qui a déjà été importé reste.</source>
        <translation>Remove {0} from the trusted team?

Their next packages will require checking the fingerprint of their certificate. What has already been imported stays.</translation>
    </message>
    <message>
        <source>Retrait impossible</source>
        <translation>Cannot remove</translation>
    </message>
    <message>
        <source>{0} ne fait plus partie de l&apos;équipe.</source>
        <translation>{0} is no longer in the team.</translation>
    </message>
</context>
<context>
    <name>TeamPage</name>
    <message>
        <source>L&apos;équipe d&apos;audit</source>
        <translation>The audit team</translation>
    </message>
    <message>
        <source>Le responsable d&apos;audit signe le rapport ; les auditeurs relèvent les constats sur le terrain.</source>
        <translation>The lead auditor signs the report; the auditors record the findings in the field.</translation>
    </message>
    <message>
        <source>prenom.nom@organisme.fr</source>
        <translation>firstname.lastname@organisation.fr</translation>
    </message>
    <message>
        <source>&amp;Responsable d&apos;audit *</source>
        <translation>&amp;Lead auditor *</translation>
    </message>
    <message>
        <source>&amp;Courriel du responsable</source>
        <translation>Lead auditor&apos;s &amp;e-mail</translation>
    </message>
    <message>
        <source>Nom</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Courriel</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Auditeurs</source>
        <translation>Auditors</translation>
    </message>
    <message>
        <source>&amp;Ajouter un auditeur</source>
        <translation>&amp;Add an auditor</translation>
    </message>
    <message>
        <source>Re&amp;tirer l&apos;auditeur</source>
        <translation>&amp;Remove the auditor</translation>
    </message>
    <message>
        <source>Aucun autre auditeur : le responsable d&apos;audit est seul pour l&apos;instant.</source>
        <translation>No other auditors: the lead auditor is on their own for now.</translation>
    </message>
    <message>
        <source>Indiquez le nom du responsable d&apos;audit.</source>
        <translation>Enter the lead auditor&apos;s name.</translation>
    </message>
    <message>
        <source>auditeur n° {0}</source>
        <translation>auditor no. {0}</translation>
    </message>
    <message>
        <source>Le nom de l&apos;auditeur n° {0} manque.</source>
        <translation>The name of auditor no. {0} is missing.</translation>
    </message>
    <message>
        <source>{0} figure deux fois dans l&apos;équipe.</source>
        <translation>{0} appears twice in the team.</translation>
    </message>
    <message>
        <source>Le courriel « {0} » de {1} n&apos;est pas une adresse valide.</source>
        <translation>The e-mail “{0}” of {1} is not a valid address.</translation>
    </message>
</context>
<context>
    <name>VerifyPdfDialog</name>
    <message>
        <source>Vérifier un PDF signé</source>
        <translation>Verify a signed PDF</translation>
    </message>
    <message>
        <source>Aucun fichier choisi</source>
        <translation>No file chosen</translation>
    </message>
    <message>
        <source>Choisir un &amp;PDF…</source>
        <translation>Choose a &amp;PDF…</translation>
    </message>
    <message>
        <source>&amp;Ajouter…</source>
        <translation>&amp;Add…</translation>
    </message>
    <message>
        <source>Ajouter des certificats de confiance</source>
        <translation>Add trusted certificates</translation>
    </message>
    <message>
        <source>&amp;Retirer</source>
        <translation>&amp;Remove</translation>
    </message>
    <message>
        <source>Retirer le certificat sélectionné</source>
        <translation>Remove the selected certificate</translation>
    </message>
    <message>
        <source>Sans certificat de confiance, une signature intacte reste « signataire non vérifié ». Ajoutez le certificat (.pem) de l&apos;auditeur ou de l&apos;organisme qui l&apos;a délivré.</source>
        <translation>Without a trusted certificate, an intact signature remains “signatory not verified”. Add the certificate (.pem) of the auditor or of the body that issued it.</translation>
    </message>
    <message>
        <source>&amp;Document :</source>
        <translation>&amp;Document:</translation>
    </message>
    <message>
        <source>Document PDF</source>
        <translation>PDF document</translation>
    </message>
    <message>
        <source>Certificats de &amp;confiance :</source>
        <translation>&amp;Trusted certificates:</translation>
    </message>
    <message>
        <source>Certificats de confiance</source>
        <translation>Trusted certificates</translation>
    </message>
    <message>
        <source>Résultat de la vérification</source>
        <translation>Verification result</translation>
    </message>
    <message>
        <source>Résumé</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>Signataire</source>
        <translation>Signatory</translation>
    </message>
    <message>
        <source>Empreinte SHA-256</source>
        <translation>SHA-256 fingerprint</translation>
    </message>
    <message>
        <source>Signé le</source>
        <translation>Signed on</translation>
    </message>
    <message>
        <source>Détails techniques</source>
        <translation>Technical details</translation>
    </message>
    <message>
        <source>Résumé :</source>
        <translation>Summary:</translation>
    </message>
    <message>
        <source>Signataire :</source>
        <translation>Signatory:</translation>
    </message>
    <message>
        <source>Empreinte :</source>
        <translation>Fingerprint:</translation>
    </message>
    <message>
        <source>Signé le :</source>
        <translation>Signed on:</translation>
    </message>
    <message>
        <source>Détails :</source>
        <translation>Details:</translation>
    </message>
    <message>
        <source>&amp;Vérifier</source>
        <translation>&amp;Verify</translation>
    </message>
    <message>
        <source>Fermer</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Choisissez un PDF à vérifier.</source>
        <translation>Choose a PDF to verify.</translation>
    </message>
    <message>
        <source>Choisir le PDF à vérifier</source>
        <translation>Choose the PDF to verify</translation>
    </message>
    <message>
        <source>Documents PDF (*.pdf)</source>
        <translation>PDF documents (*.pdf)</translation>
    </message>
    <message>
        <source>Certificats (*.pem *.crt *.cer *.der);;Tous les fichiers (*)</source>
        <translation>Certificates (*.pem *.crt *.cer *.der);;All files (*)</translation>
    </message>
    <message>
        <source>Vérification en cours…</source>
        <translation>Verifying…</translation>
    </message>
    <message>
        <source>Vérification impossible.</source>
        <translation>Verification failed.</translation>
    </message>
    <message>
        <source>Vérification impossible</source>
        <translation>Verification failed</translation>
    </message>
    <message>
        <source>Signature valide et de confiance</source>
        <translation>Signature valid and trusted</translation>
    </message>
    <message>
        <source>Intacte, signataire non vérifié</source>
        <translation>Intact, signatory not verified</translation>
    </message>
    <message>
        <source>Document modifié ou non signé</source>
        <translation>Document modified or not signed</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>{0} (heure déclarée par le signataire)</source>
        <translation>{0} (time declared by the signatory)</translation>
    </message>
</context>
<context>
    <name>WalkthroughPage</name>
    <message>
        <source>Sites, canaux et engagements</source>
        <translation>Sites, channels and engagements</translation>
    </message>
    <message>
        <source>Points de contrôle</source>
        <translation>Checkpoints</translation>
    </message>
    <message>
        <source>Suivant non renseigné (N)</source>
        <translation>Next unassessed (N)</translation>
    </message>
    <message>
        <source>Aller au prochain point non renseigné</source>
        <translation>Go to the next unassessed checkpoint</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>{0} / {1} points renseignés</source>
        <translation>{0} / {1} checkpoints assessed</translation>
    </message>
    <message>
        <source>Tous les points sont renseignés.</source>
        <translation>All checkpoints are assessed.</translation>
    </message>
</context>
<context>
    <name>WhoPage</name>
    <message>
        <source>Bienvenue</source>
        <translation>Welcome</translation>
    </message>
    <message>
        <source>Votre nom accompagne chaque constat et chaque modification du journal : indiquez-le comme il doit figurer dans les rapports.</source>
        <translation>Your name accompanies every finding and every change in the log: enter it as it should appear in the reports.</translation>
    </message>
    <message>
        <source>Langue de l&apos;interface – Language</source>
        <translation>Interface language – Langue</translation>
    </message>
    <message>
        <source>&amp;Langue – Language :</source>
        <translation>&amp;Language – Langue:</translation>
    </message>
    <message>
        <source>Prénom et nom</source>
        <translation>First name and surname</translation>
    </message>
    <message>
        <source>Adresse électronique</source>
        <translation>E-mail address</translation>
    </message>
    <message>
        <source>Organisme certificateur</source>
        <translation>Certification body</translation>
    </message>
    <message>
        <source>Prénom et &amp;nom :</source>
        <translation>First name and &amp;surname:</translation>
    </message>
    <message>
        <source>&amp;Courriel :</source>
        <translation>&amp;E-mail:</translation>
    </message>
    <message>
        <source>&amp;Organisme :</source>
        <translation>&amp;Certification body:</translation>
    </message>
    <message>
        <source>Indiquez votre prénom et votre nom.</source>
        <translation>Enter your first name and surname.</translation>
    </message>
    <message>
        <source>Adresse électronique invalide (sans accent, comme dans votre messagerie).</source>
        <translation>Invalid e-mail address (no accents, as in your e-mail program).</translation>
    </message>
</context>
<context>
    <name>WorkspacePage</name>
    <message>
        <source>Espace de travail</source>
        <translation>Workspace</translation>
    </message>
    <message>
        <source>Vos audits, photos et sauvegardes y sont enregistrés. Gardez-le sur le disque de l&apos;ordinateur (pas dans un dossier synchronisé) : il est enregistré à chaque saisie.</source>
        <translation>Your audits, photos and backups are saved there. Keep it on the computer&apos;s disk (not in a synchronised folder): it is saved with every entry.</translation>
    </message>
    <message>
        <source>Dossier de l&apos;espace de travail</source>
        <translation>Workspace folder</translation>
    </message>
    <message>
        <source>&amp;Choisir…</source>
        <translation>&amp;Choose…</translation>
    </message>
    <message>
        <source>Choisir le dossier de l&apos;espace de travail</source>
        <translation>Choose the workspace folder</translation>
    </message>
    <message>
        <source>Impossible d&apos;écrire dans {0} : {1}</source>
        <translation>Cannot write to {0}: {1}</translation>
    </message>
</context>
<context>
    <name>_Page</name>
    <message>
        <source>À corriger</source>
        <translation>To be corrected</translation>
    </message>
</context>
<context>
    <name>_Problem</name>
    <message>
        <source>Problème à corriger</source>
        <translation>Problem to fix</translation>
    </message>
</context>
<context>
    <name>_Startup</name>
    <message>
        <source>Espace de travail indisponible</source>
        <translation>Workspace unavailable</translation>
    </message>
    <message>
        <source>L&apos;espace de travail {0} est endommagé :
{1}

</source>
        <translation>The workspace {0} is damaged:
{1}

</translation>
    </message>
    <message>
        <source>Ouvrir quand même</source>
        <translation>Open anyway</translation>
    </message>
    <message>
        <source>Quitter</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>Dernière sauvegarde saine : {0}. La restaurer remplace la base actuelle, qui est gardée à part (avant restauration).</source>
        <translation>Last healthy backup: {0}. Restoring it replaces the current database, which is kept aside (before restore).</translation>
    </message>
    <message>
        <source>Restaurer cette sauvegarde</source>
        <translation>Restore this backup</translation>
    </message>
    <message>
        <source>Aucune sauvegarde saine n&apos;a été trouvée.</source>
        <translation>No healthy backup was found.</translation>
    </message>
    <message>
        <source>Espace de travail endommagé</source>
        <translation>Workspace damaged</translation>
    </message>
    <message>
        <source>Restauration impossible</source>
        <translation>Restore failed</translation>
    </message>
    <message>
        <source>Sauvegarde restaurée</source>
        <translation>Backup restored</translation>
    </message>
    <message>
        <source>L&apos;espace de travail a été restauré depuis {0}.</source>
        <translation>The workspace was restored from {0}.</translation>
    </message>
    <message>
        <source>Préparation de l&apos;audit de démonstration…</source>
        <translation>Preparing the demonstration audit…</translation>
    </message>
</context>
<context>
    <name>matrix</name>
    <message>
        <source>Non-conformité majeure</source>
        <translation>Major nonconformity</translation>
    </message>
    <message>
        <source>Non-conformité mineure</source>
        <translation>Minor nonconformity</translation>
    </message>
    <message>
        <source>Point sensible</source>
        <translation>Concern</translation>
    </message>
    <message>
        <source>Tout renseigné, sans écart</source>
        <translation>All assessed, no gap</translation>
    </message>
    <message>
        <source>Renseigné en partie, sans écart</source>
        <translation>Partly assessed, no gap</translation>
    </message>
    <message>
        <source>Rien de renseigné</source>
        <translation>Nothing assessed</translation>
    </message>
    <message>
        <source>NC majeure(s)</source>
        <translation>major NC(s)</translation>
    </message>
    <message>
        <source>NC mineure(s)</source>
        <translation>minor NC(s)</translation>
    </message>
    <message>
        <source>point(s) sensible(s)</source>
        <translation>area(s) of concern</translation>
    </message>
    <message>
        <source>piste(s) de progrès</source>
        <translation>opportunity(ies) for improvement</translation>
    </message>
    <message>
        <source>point(s) fort(s)</source>
        <translation>strength(s)</translation>
    </message>
    <message>
        <source>conforme(s)</source>
        <translation>conforming</translation>
    </message>
    <message>
        <source>non applicable(s)</source>
        <translation>not applicable</translation>
    </message>
    <message>
        <source>{0} renseigné(s) sur {1}</source>
        <translation>{0} assessed out of {1}</translation>
    </message>
</context>
</TS>
