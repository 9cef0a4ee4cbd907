import { IntersectionType, OmitType, PartialType, PickType } from '@nestjs/mapped-types';
import { Exclude, Expose, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  Equals,
  IsArray,
  IsBoolean,
  IsDate,
  IsDateString,
  IsEmail,
  IsEnum,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsPositive,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { Tool } from 'parallel-tools';

/** Realistic class-validator DTOs, marked with @Tool() and nothing else of this library. */

export enum OrderStatus {
  Pending = 'pending',
  Paid = 'paid',
  Shipped = 'shipped',
}

export enum Priority {
  Low = 1,
  Normal = 2,
  High = 3,
}

export class AddressDto {
  @IsString() @IsNotEmpty() @MaxLength(120) street!: string;
  @IsString() @Length(2, 64) city!: string;
  @Matches(/^[0-9]{5}$/) zip!: string;
  @IsIn(['US', 'CA', 'MX']) country!: string;
  @IsOptional() @IsString() line2?: string;
}

export class LineItemDto {
  @IsUUID('4') productId!: string;
  // Constraints before the type rule on purpose: the schema must not depend on decorator order.
  @Max(100) @Min(1) @IsInt() quantity!: number;
  @IsPositive() @IsNumber({ maxDecimalPlaces: 2 }) unitPrice!: number;
  @IsOptional() @IsString() @MaxLength(200) note?: string;
}

export abstract class AuditedDto {
  @IsUUID() requestId!: string;
  @IsDate() @Type(() => Date) requestedAt!: Date;
}

@Tool({ description: 'Place an order' })
export class CreateOrderDto extends AuditedDto {
  @IsEmail() customerEmail!: string;
  @ValidateNested() @Type(() => AddressDto) shippingAddress!: AddressDto;
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => LineItemDto)
  items!: LineItemDto[];
  @IsEnum(OrderStatus) status!: OrderStatus;
  @IsEnum(Priority) priority!: Priority;
  @IsOptional() @IsString() @MaxLength(500) notes?: string;
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(5)
  @IsString({ each: true })
  @MinLength(2, { each: true })
  tags?: string[];
  @IsDateString() deliverBy!: string;
  @IsBoolean() giftWrap!: boolean;
  @IsOptional() @IsUrl() trackingUrl?: string;
  @Expose({ name: 'coupon_code' }) @IsOptional() @Matches(/^[A-Z0-9]{6}$/) couponCode?: string;
  @Exclude() @IsOptional() @IsString() internalRef?: string;
  @Equals('v1') schemaVersion!: 'v1';
}

@Tool({ description: 'Change an order' })
export class UpdateOrderDto extends PartialType(CreateOrderDto) {}

@Tool()
export class ReprioritizeOrderDto extends PickType(CreateOrderDto, ['priority', 'notes'] as const) {}

@Tool()
export class OrderDraftDto extends OmitType(CreateOrderDto, [
  'requestId',
  'requestedAt',
  'status',
  'schemaVersion',
] as const) {}

export class GiftMessageDto {
  @IsString() @MaxLength(140) message!: string;
  @IsOptional() @IsEmail() recipientEmail?: string;
}

@Tool()
export class GiftOrderDto extends IntersectionType(
  PickType(CreateOrderDto, ['items'] as const),
  GiftMessageDto,
) {}

export class CardPaymentDto {
  @Matches(/^\d{4}$/) last4!: string;
  @IsInt() @Min(1) @Max(12) expMonth!: number;
}

export class BankPaymentDto {
  @Matches(/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/) iban!: string;
}

@Tool({ description: 'Pay an order by card or bank transfer' })
export class PayOrderDto {
  @IsUUID() orderId!: string;
  @IsObject()
  @ValidateNested()
  @Type(() => Object, {
    discriminator: {
      property: 'method',
      subTypes: [
        { name: 'card', value: CardPaymentDto },
        { name: 'bank', value: BankPaymentDto },
      ],
    },
  })
  payment!: CardPaymentDto | BankPaymentDto;
}

@Tool()
export class LabelOrderDto {
  @IsUUID() orderId!: string;
  // `each` without @IsArray(): class-validator applies the rule to a lone value too.
  @IsString({ each: true }) labels!: string[];
}

/** A valid `CreateOrderDto` call, as the model would send it on the neutral wire. */
export function validOrder(): Record<string, any> {
  return {
    requestId: '6f1c1f5e-2b7a-4c1e-9d4b-3f2a1b0c9d8e',
    requestedAt: '2024-05-01T10:00:00Z',
    customerEmail: 'ada@example.com',
    shippingAddress: { street: '1 Main St', city: 'Springfield', zip: '12345', country: 'US' },
    items: [
      { productId: '0b8f4c3a-1d2e-4f5a-8b6c-7d8e9f0a1b2c', quantity: 2, unitPrice: 9.99 },
      { productId: '1c9a5d4b-2e3f-4a6b-9c7d-8e9f0a1b2c3d', quantity: 1, unitPrice: 120, note: 'blue' },
    ],
    status: 'pending',
    priority: 2,
    deliverBy: '2024-05-03T18:00:00+02:00',
    giftWrap: false,
    schemaVersion: 'v1',
  };
}
