import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUrl, MaxLength, Min, MinLength } from 'class-validator';
import { DomainError, uuidv7 } from '@aftercare/kernel';
import type { EventStore } from '@aftercare/event-store';
import { READ_STORE, ReadStore } from '@aftercare/read-store';
import { Caller, Created, Principal, SEALED_EVENT_STORE } from '@aftercare/platform';
import { PUBLIC_EVENT_TYPES } from '../event-catalogue/public-events.catalogue';
import { WEBHOOK_DELIVERIES, WEBHOOKS, type WebhookDeliveryDoc, type WebhookDoc } from './webhook.documents';

export class CreateWebhookDto {
  @ApiProperty({ example: 'https://crm.example.com/aftercare/events' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @MaxLength(2000)
  url!: string;

  @ApiProperty({ example: ['ComplaintReceived', 'ComplaintEscalated'], description: 'public event types (GET /events/catalogue)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  types!: string[];

  @ApiProperty({ example: 'a-long-random-shared-secret', description: 'key of the X-Aftercare-Signature HMAC-SHA256; never shown again' })
  @IsString()
  @MinLength(16)
  @MaxLength(500)
  secret!: string;
}

export class ReplayWebhookDto {
  @ApiProperty({ example: 0, description: 'first log position to deliver again (inclusive)' })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  from!: number;
}

export class DeliveriesQueryDto {
  @ApiPropertyOptional({ enum: ['pending', 'delivered', 'parked'] })
  @IsOptional()
  @IsIn(['pending', 'delivered', 'parked'])
  status?: string;

  @ApiPropertyOptional({ example: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  limit?: number;
}

export class WebhookView {
  @ApiProperty() id!: string;
  @ApiProperty() url!: string;
  @ApiProperty({ type: [String] }) types!: string[];
  @ApiProperty({ description: 'last position handled (delivered or parked)' }) position!: number;
  @ApiProperty() generation!: number;
  @ApiProperty() createdAt!: string;
  @ApiProperty() ownerId!: string;
}

function toView(doc: WebhookDoc): WebhookView {
  return { id: doc._id, url: doc.url, types: doc.types, position: doc.position, generation: doc.generation, createdAt: doc.createdAt, ownerId: doc.ownerId };
}

const notFound = (id: string) => DomainError.notFound('WEBHOOK.NOT_FOUND', `webhook ${id} not found`);

/**
 * API.md "Audit and integration": an integrator's webhook subscriptions. The
 * deliberate exception to "integrators never write" is named in
 * libs/platform/src/auth/authorization-matrix.ts (INTEGRATOR_WRITE_ENDPOINTS);
 * who may call each route: apps/api/src/authorization-matrix.ts. An
 * integrator sees and manages its own subscriptions; admin sees all. The secret is
 * never answered back. A new subscription gets the events appended after it;
 * replay delivers again from any position.
 */
@ApiTags('integration')
@Controller('webhooks')
export class WebhooksController {
  private readonly webhooks;
  private readonly deliveries;

  constructor(
    @Inject(READ_STORE) readStore: ReadStore,
    @Inject(SEALED_EVENT_STORE) private readonly events: EventStore,
  ) {
    this.webhooks = readStore.collection<WebhookDoc>(WEBHOOKS);
    this.deliveries = readStore.collection<WebhookDeliveryDoc>(WEBHOOK_DELIVERIES);
  }

  @Post()
  @Created('/api/v1/webhooks/:id')
  async create(@Caller() caller: Principal, @Body() body: CreateWebhookDto): Promise<WebhookView> {
    const unknown = body.types.filter((t) => !PUBLIC_EVENT_TYPES.includes(t));
    if (unknown.length > 0) {
      throw DomainError.invalid('EVENTS.UNKNOWN_TYPE', `not in the public catalogue: ${unknown.join(', ')}`, [{ field: 'types', message: `unknown: ${unknown.join(', ')}` }]);
    }
    const doc: WebhookDoc = {
      _id: uuidv7(),
      url: body.url,
      types: [...new Set(body.types)],
      secret: body.secret,
      ownerId: caller.sub,
      createdAt: new Date().toISOString(),
      position: await this.events.headPosition(),
      generation: 0,
    };
    await this.webhooks.insertOne(doc);
    return toView(doc);
  }

  @Get()
  async list(@Caller() caller: Principal) {
    const filter = caller.role === 'admin' ? {} : { ownerId: caller.sub };
    const docs = await this.webhooks.find(filter, { sort: { _id: 1 } });
    return { items: docs.map(toView), nextCursor: null };
  }

  @Get(':id')
  async get(@Caller() caller: Principal, @Param('id') id: string): Promise<WebhookView> {
    return toView(await this.owned(caller, id));
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Caller() caller: Principal, @Param('id') id: string): Promise<void> {
    await this.owned(caller, id);
    await this.webhooks.deleteOne({ _id: id });
  }

  @Get(':id/deliveries')
  async listDeliveries(@Caller() caller: Principal, @Param('id') id: string, @Query() query: DeliveriesQueryDto) {
    const hook = await this.owned(caller, id);
    const filter: Record<string, unknown> = { webhookId: hook._id };
    if (query.status) filter.status = query.status;
    const docs = await this.deliveries.find(filter, { sort: { position: 1 }, limit: Math.min(query.limit ?? 500, 500) });
    return {
      items: docs.map(({ _id, ...d }) => ({ id: _id, ...d })),
      nextCursor: null,
    };
  }

  /** Delivers again every event of the subscription's types from `from` on, parked ones included. */
  @Post(':id/replay')
  @HttpCode(200)
  async replay(@Caller() caller: Principal, @Param('id') id: string, @Body() body: ReplayWebhookDto): Promise<WebhookView> {
    const hook = await this.owned(caller, id);
    const position = Math.max(0, body.from - 1);
    await this.webhooks.updateOne({ _id: hook._id }, { $set: { position }, $inc: { generation: 1 } });
    return toView((await this.webhooks.findOne({ _id: hook._id }))!);
  }

  private async owned(caller: Principal, id: string): Promise<WebhookDoc> {
    const doc = await this.webhooks.findOne({ _id: id });
    if (!doc || (caller.role !== 'admin' && doc.ownerId !== caller.sub)) throw notFound(id);
    return doc;
  }
}
