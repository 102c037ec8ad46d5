import { Controller, Get, Param } from '@nestjs/common';
import { ProductCache } from './product-cache';

@Controller('products')
export class ProductsController {
  @Get(':id')
  async findOne(@Param('id') id: string) {
    const cache = new ProductCache();
    return cache.find(id);
  }
}
