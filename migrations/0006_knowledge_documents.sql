CREATE TABLE `knowledge_documents` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`title` text NOT NULL,
	`format` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`chunks` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `knowledge_documents_tenant` ON `knowledge_documents` (`tenant_id`,`created_at`);